import { outcomeMetrics, type RouteMetrics } from '../../functions/shared/observability/api-metrics';
import { routes } from '../../functions/routes';

const create: RouteMetrics = { success: 'TasksCreated' };
const login: RouteMetrics = { success: 'LoginsSucceeded', unauthorized: 'LoginsFailed' };

describe('the metrics a request counts, derived from its answer', () => {
  it("counts a route's success metric on a 2xx answer, and nothing on a route that declares none", () => {
    expect(outcomeMetrics(create, { status: 201, replayed: false })).toEqual(['TasksCreated']);
    expect(outcomeMetrics(undefined, { status: 200, replayed: false })).toEqual([]);
  });

  it('counts a replayed answer as an idempotent replay, not as another success', () => {
    expect(outcomeMetrics(create, { status: 201, replayed: true })).toEqual(['IdempotentReplays']);
  });

  it('counts idempotency conflicts and precondition failures on any route that answers them', () => {
    expect(
      outcomeMetrics(create, { status: 422, replayed: false, problem: 'idempotency-key-reused' }),
    ).toEqual(['IdempotencyConflicts']);
    expect(
      outcomeMetrics(create, { status: 409, replayed: false, problem: 'idempotency-in-flight' }),
    ).toEqual(['IdempotencyConflicts']);
    expect(
      outcomeMetrics(undefined, { status: 412, replayed: false, problem: 'precondition-failed' }),
    ).toEqual(['PreconditionFailures']);
  });

  it('counts a problem the route declares (a refused login), and nothing for other problems', () => {
    expect(outcomeMetrics(login, { status: 401, replayed: false, problem: 'unauthorized' })).toEqual([
      'LoginsFailed',
    ]);
    expect(outcomeMetrics(login, { status: 422, replayed: false, problem: 'validation-error' })).toEqual([]);
    expect(outcomeMetrics(create, { status: 500, replayed: false })).toEqual([]);
  });

  it('is declared by the routes that change something: tasks, accounts and logins', () => {
    const declared = Object.fromEntries(
      routes.flatMap((route) => (route.metrics ? [[route.id, route.metrics]] : [])),
    );
    expect(declared).toEqual({
      Register: { success: 'Registrations' },
      Login: {
        success: 'LoginsSucceeded',
        unauthorized: 'LoginsFailed',
        'login-throttled': 'AccountLoginLimitHits',
      },
      Logout: { success: 'Logouts' },
      CreateTask: { success: 'TasksCreated' },
      ReplaceTask: { success: 'TasksUpdated' },
      UpdateTask: { success: 'TasksUpdated' },
      DeleteTask: { success: 'TasksDeleted' },
    });
  });
});
