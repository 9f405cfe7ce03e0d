import type { APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { handler as authorizerHandler } from '../functions/auth/authorizer';
import { handler as openApi } from '../functions/docs/openapi';
import { handler as health } from '../functions/health/get';
import { handler as login } from '../functions/auth/login';
import { handler as register } from '../functions/auth/register';
import { handler as createTask } from '../functions/tasks/create';
import { handler as deleteTask } from '../functions/tasks/delete';
import { handler as getTask } from '../functions/tasks/get';
import { handler as listTasks } from '../functions/tasks/list';
import { handler as replaceTask } from '../functions/tasks/replace';
import { handler as updateTask } from '../functions/tasks/update';
import { handler as me } from '../functions/users/me';
import { lambdaContext } from '../lib/local/proxy-event';
import type { ProxyHandler } from './invoke';

/**
 * The real handler modules, typed as API Gateway proxy handlers. Import this module only after
 * `startBenchEnvironment()`: the functions read their environment when first used.
 */
export const handlers = {
  health: health as ProxyHandler,
  openApi: openApi as ProxyHandler,
  me: me as ProxyHandler,
  register: register as ProxyHandler,
  login: login as ProxyHandler,
  createTask: createTask as ProxyHandler,
  getTask: getTask as ProxyHandler,
  updateTask: updateTask as ProxyHandler,
  replaceTask: replaceTask as ProxyHandler,
  deleteTask: deleteTask as ProxyHandler,
  listTasks: listTasks as ProxyHandler,
};

/** The authorizer, called as Lambda calls it (with a context, which its Powertools Logger reads). */
export const authorizer = (event: APIGatewayTokenAuthorizerEvent) =>
  authorizerHandler(event, lambdaContext('Authorizer'));
