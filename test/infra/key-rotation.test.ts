import { tokenConfig } from '../../functions/shared/config/token-config';
import { CURSOR_TTL_SECONDS } from '../../functions/shared/data/cursor';
import { KEY_ROTATION_INTERVAL, KEY_SET_CACHE_SECONDS } from '../../lib/infra/rotating-key-set';
import { logicalIdOf, resourcesOfType, synthesize } from './synth';

const { stack, template } = synthesize();

describe('signing-key rotation', () => {
  it.each(['token', 'cursor'] as const)(
    'rotates the %s key set on a schedule, with the rotation function of this repository',
    (set) => {
      const secretId = logicalIdOf(stack.keySets[set].secret);
      const rotationFunctionId = logicalIdOf(stack.keySets[set].rotationFunction.function);
      const schedules = resourcesOfType(template, 'AWS::SecretsManager::RotationSchedule').filter(
        ([, schedule]) => JSON.stringify(schedule.SecretId).includes(secretId),
      );
      expect(schedules).toHaveLength(1);
      expect(schedules[0]![1]).toMatchObject({
        RotationLambdaARN: { 'Fn::GetAtt': [rotationFunctionId, 'Arn'] },
        RotationRules: { ScheduleExpression: `rate(${KEY_ROTATION_INTERVAL.toDays()} days)` },
      });
    },
  );

  it('leaves every signed value and every cached copy far inside one rotation interval', () => {
    const interval = KEY_ROTATION_INTERVAL.toSeconds();
    // A key verifies for an interval after it stops signing: longer than any token or cursor lives…
    expect(Math.max(tokenConfig().ttlSeconds, CURSOR_TTL_SECONDS)).toBeLessThan(interval);
    // …and a function two caches behind (its own + the extension's) has still seen the next key.
    expect(2 * KEY_SET_CACHE_SECONDS).toBeLessThan(interval);
  });

  it('adds the Parameters and Secrets extension only to the functions that read a key set', () => {
    const withExtension = resourcesOfType(template, 'AWS::Lambda::Function')
      .filter(([, fn]) => JSON.stringify(fn.Layers ?? []).includes('Paramsandsecretslayer'))
      .map(([id]) => id)
      .sort();
    const readers = [
      stack.functions.authorizer,
      stack.functions.byRoute.get('Login')!,
      stack.functions.byRoute.get('ListTasks')!,
    ]
      .map((fn) => logicalIdOf(fn))
      .sort();
    expect(withExtension).toEqual(readers);
    const [, login] = resourcesOfType(template, 'AWS::Lambda::Function').find(
      ([id]) => id === logicalIdOf(stack.functions.byRoute.get('Login')!),
    )!;
    // The extension caches for as long as the function does: a rotation reaches it within twice that.
    expect((login.Environment as { Variables: Record<string, string> }).Variables).toMatchObject({
      SECRETS_MANAGER_TTL: String(KEY_SET_CACHE_SECONDS),
    });
  });
});
