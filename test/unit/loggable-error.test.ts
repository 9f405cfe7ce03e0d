import { loggableError } from '../../functions/shared/observability/loggable-error';

describe('what a log line says about an error', () => {
  it("keeps the name, message, stack, location and the SDK's classification, and drops the data it carries", () => {
    // Prepare: what the SDK throws for a failed condition with ReturnValuesOnConditionCheckFailure.
    const error = Object.assign(new Error('The conditional request failed'), {
      name: 'ConditionalCheckFailedException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400, requestId: 'AWSREQ123', attempts: 1 },
      Item: { passwordHash: { S: 'scrypt$secret-hash' } },
    });

    // Act
    const logged = loggableError(error);

    // Assert
    expect(logged).toMatchObject({
      name: 'ConditionalCheckFailedException',
      message: 'The conditional request failed',
      fault: 'client',
      http_status: 400,
      aws_request_id: 'AWSREQ123',
      attempts: 1,
    });
    expect(logged.stack).toContain('The conditional request failed');
    expect(logged.location).toMatch(/loggable-error\.test\.ts:\d+$/);
    expect(JSON.stringify(logged)).not.toContain('secret-hash');
  });

  it('follows the cause, with the same care', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
      body: 'x',
    });
    const logged = loggableError(new Error('Unauthorized', { cause }));
    expect(logged.cause).toMatchObject({
      name: 'Error',
      code: 'ECONNREFUSED',
      message: 'connect ECONNREFUSED 127.0.0.1:1',
    });
    expect(JSON.stringify(logged)).not.toContain('"body"');
  });
});
