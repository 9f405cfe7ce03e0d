import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { signRequest } from '../../functions/shared/util/sigv4';

const toBytes = (data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

/** The AWS SDK's hash interface over node:crypto (SHA-256, or HMAC-SHA256 with a key). */
class Sha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView) {
    this.hash.update(toBytes(data));
  }
  digest() {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

describe('SigV4 signing of the authorizer DynamoDB call', () => {
  it.each([
    ['with a session token', 'AQoDYXdzEJr...token'],
    ['without a session token', undefined],
  ])('produces the same Authorization as the AWS SDK signer, %s', async (_name, sessionToken) => {
    // Prepare
    const credentials = {
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      sessionToken,
    };
    const url = new URL('https://dynamodb.eu-west-1.amazonaws.com/');
    const body = JSON.stringify({ TableName: 't', Key: { pk: { S: 'USER#1' }, sk: { S: 'PROFILE' } } });
    const headers = {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.GetItem',
    };
    const now = new Date(Date.UTC(2026, 10, 27, 10, 0, 0));
    // Act
    const ours = signRequest(
      { url, region: 'eu-west-1', service: 'dynamodb', headers, body },
      credentials,
      now,
    );
    const sdk = await new SignatureV4({
      credentials,
      region: 'eu-west-1',
      service: 'dynamodb',
      sha256: Sha256,
    }).sign(
      {
        method: 'POST',
        protocol: 'https:',
        hostname: url.hostname,
        path: '/',
        headers: { ...headers, host: url.host, 'x-amz-content-sha256': ours['x-amz-content-sha256']! },
        body,
      },
      { signingDate: now },
    );
    // Assert
    expect(ours.authorization).toBe(sdk.headers.authorization);
  });
});
