import { App } from 'aws-cdk-lib';
import { httpDateOf, sunsetOf } from '../../functions/shared/config/sunset';
import { deprecationHeaders } from '../../functions/shared/http/middleware/deprecation';
import { sunsetEnvironment } from '../../lib/infra/version-sunset';

/** 2026-11-26T00:00:00Z, the day v2 became the current version. */
const V1_DEPRECATED = '@1795651200';

describe('the deprecation signals of a version', () => {
  it('on v1: Deprecation as an RFC 9745 date, Link to the same resource in v2, Sunset when given', () => {
    expect(
      deprecationHeaders('v1', '/tasks/01J0000000000000000000000Z', 'Wed, 30 Jun 2027 00:00:00 GMT'),
    ).toEqual({
      Deprecation: V1_DEPRECATED,
      Link: '</v2/tasks/01J0000000000000000000000Z>; rel="successor-version"',
      Sunset: 'Wed, 30 Jun 2027 00:00:00 GMT',
    });
    expect(deprecationHeaders('v1', '/health', undefined)).toEqual({
      Deprecation: V1_DEPRECATED,
      Link: '</v2/health>; rel="successor-version"',
    });
  });

  it('keeps the Link a valid URI reference whatever the path holds', () => {
    const { Link } = deprecationHeaders('v1', '/tasks/a b<c>"d', undefined);
    expect(Link).toBe('</v2/tasks/a%20b%3Cc%3E%22d>; rel="successor-version"');
  });

  it('on v2 (the current version): nothing', () => {
    expect(deprecationHeaders('v2', '/tasks', 'Wed, 30 Jun 2027 00:00:00 GMT')).toEqual({});
  });
});

describe('the sunset configuration (V1_SUNSET)', () => {
  it.each([
    ['2027-06-30', 'Wed, 30 Jun 2027 00:00:00 GMT'],
    ['2027-06-30T12:30:00Z', 'Wed, 30 Jun 2027 12:30:00 GMT'],
    ['2027-06-30T12:30:00+02:00', 'Wed, 30 Jun 2027 10:30:00 GMT'],
  ])('reads %s as the HTTP-date %s', (value, httpDate) => {
    expect(httpDateOf(value, 'V1_SUNSET')).toBe(httpDate);
    expect(sunsetOf('v1', { V1_SUNSET: value })).toBe(httpDate);
  });

  it('is absent when unset or empty', () => {
    expect(sunsetOf('v1', {})).toBeUndefined();
    expect(sunsetOf('v1', { V1_SUNSET: '' })).toBeUndefined();
  });

  it.each(['tomorrow', '30/06/2027', '2027-02-30', '2027-13-01', '2027-06-30T25:00:00Z'])(
    'refuses %s with a message naming the variable',
    (value) => {
      expect(() => sunsetOf('v1', { V1_SUNSET: value })).toThrow(
        `Invalid function configuration: V1_SUNSET: must be a date (YYYY-MM-DD) or an ISO 8601 date-time, got "${value}"`,
      );
    },
  );

  it('comes from the CDK context for a deployed stack, and a bad one fails the synth', () => {
    const scope = (context: Record<string, string>) => new App({ context });
    expect(sunsetEnvironment(scope({ 'taskApi:v1Sunset': '2027-06-30' }))).toEqual({
      V1_SUNSET: '2027-06-30',
    });
    expect(sunsetEnvironment(scope({}))).toEqual({});
    expect(() => sunsetEnvironment(scope({ 'taskApi:v1Sunset': 'soon' }))).toThrow(/taskApi:v1Sunset/);
  });
});
