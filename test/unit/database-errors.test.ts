import {
  ConditionalCheckFailedException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
} from '@aws-sdk/client-dynamodb';
import { isDatabaseUnavailable } from '../../functions/shared/data/database-errors';

const meta = { $metadata: {} };

describe('database error classification (503 vs 500)', () => {
  it('treats throttling, server faults and unreachable endpoints as "unavailable"', () => {
    const throttled = Object.assign(
      new ProvisionedThroughputExceededException({ message: 'slow down', ...meta }),
      {
        $retryable: { throttling: true },
      },
    );
    expect(isDatabaseUnavailable(throttled)).toBe(true);
    expect(isDatabaseUnavailable(new InternalServerError({ message: 'oops', ...meta }))).toBe(true);
    expect(
      isDatabaseUnavailable(
        Object.assign(new RequestLimitExceeded({ message: 'limit', ...meta }), { $retryable: {} }),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('late'), { name: 'TimeoutError' }))).toBe(true);
  });

  it('treats client errors and bugs as not "unavailable"', () => {
    expect(isDatabaseUnavailable(new ConditionalCheckFailedException({ message: 'no', ...meta }))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(new TypeError('undefined is not a function'))).toBe(false);
    expect(isDatabaseUnavailable('a string')).toBe(false);
  });
});
