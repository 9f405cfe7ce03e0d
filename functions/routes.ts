/**
 * The route table: every endpoint's contract, in the order the reference lists them. The CDK stack turns
 * each into an API Gateway method + a Lambda function; the local gateway turns them into its router; the
 * OpenAPI generator documents them. Adding an endpoint is one contract file plus one handler file, and a
 * line here.
 */
import { authorizerContract } from './auth/authorizer.contract';
import { loginContract } from './auth/login.contract';
import { logoutContract } from './auth/logout.contract';
import { registerContract } from './auth/register.contract';
import { referenceAssetContract } from './docs/asset.contract';
import { openApiContract } from './docs/openapi.contract';
import { referencePageContract } from './docs/page.contract';
import { healthContract } from './health/get.contract';
import { API_VERSIONS } from './shared/domain/api-version';
import type { HttpMethod, RouteContract } from './shared/http/route-contract';
import { createTaskContract } from './tasks/create.contract';
import { deleteTaskContract } from './tasks/delete.contract';
import { getTaskContract } from './tasks/get.contract';
import { listTasksContract } from './tasks/list.contract';
import { replaceTaskContract } from './tasks/replace.contract';
import { updateTaskContract } from './tasks/update.contract';
import { getMeContract } from './users/me.contract';

export const routes: readonly RouteContract[] = [
  healthContract,
  openApiContract,
  referencePageContract,
  referenceAssetContract,
  registerContract,
  loginContract,
  logoutContract,
  getMeContract,
  createTaskContract,
  listTasksContract,
  getTaskContract,
  replaceTaskContract,
  updateTaskContract,
  deleteTaskContract,
];

/** The bearer-token authorizer: not a route, but deployed and run locally from its own contract. */
export const authorizer = authorizerContract;

/** The stages (= API versions) that both the deployed gateway and the local one expose. */
export const stages = API_VERSIONS;
export type StageName = (typeof stages)[number];

/** The distinct resource paths and the methods each allows (405 responses carry `Allow` from this). */
export function methodsByPath(): Map<string, HttpMethod[]> {
  const byPath = new Map<string, HttpMethod[]>();
  for (const route of routes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route.method]);
  return byPath;
}
