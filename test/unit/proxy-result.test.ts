import { proxyResultAnswer } from '../../lib/local/http-io';

describe('Lambda proxy result validation', () => {
  it('merges headers and multiValueHeaders, the multi-value list winning', () => {
    const answer = proxyResultAnswer({
      statusCode: 200,
      headers: { A: '1', B: 2 },
      multiValueHeaders: { a: ['x', 'y'] },
      body: 'hi',
    });
    expect(answer?.headers).toEqual([
      ['a', 'x'],
      ['a', 'y'],
      ['B', '2'],
    ]);
    expect(answer?.body.toString()).toBe('hi');
  });

  it('decodes base64 bodies and drops connection-level headers', () => {
    const answer = proxyResultAnswer({
      statusCode: 200,
      headers: { 'Content-Length': '999', 'X-A': 'b' },
      body: Buffer.from('ok').toString('base64'),
      isBase64Encoded: true,
    });
    expect(answer?.headers).toEqual([['X-A', 'b']]);
    expect(answer?.body.toString()).toBe('ok');
  });

  it.each([
    ['undefined', undefined],
    ['a string', 'ok'],
    ['an array', [200]],
    ['no status', { body: '' }],
    ['a status out of range', { statusCode: 99 }],
    ['a fractional status', { statusCode: 200.5 }],
    ['an object body', { statusCode: 200, body: { a: 1 } }],
    ['an object header', { statusCode: 200, headers: { a: { b: 1 } } }],
    ['a header with a newline', { statusCode: 200, headers: { a: 'x\r\nSet-Cookie: y' } }],
    ['a non-list multi-value header', { statusCode: 200, multiValueHeaders: { a: 'x' } }],
  ])('rejects %s', (_name, result) => {
    expect(proxyResultAnswer(result)).toBeUndefined();
  });
});
