/**
 * The local gateway's router, built from the route contracts (the same ones CDK turns into API Gateway
 * resources). Resolves `/<stage>/<path>` to a route and its path parameters, to "method not allowed" for a
 * known resource, or to nothing. Literal segments win over `{param}` segments, as in API Gateway.
 */
import { methodsByPath, routes, stages } from '../../functions/routes';
import type { HttpMethod, RouteContract } from '../../functions/shared/http/route-contract';

export type Resolution =
  | {
      readonly kind: 'route';
      readonly stage: string;
      readonly path: string;
      readonly route: RouteContract;
      readonly pathParameters: Record<string, string>;
    }
  | {
      readonly kind: 'method-not-allowed';
      readonly stage: string;
      readonly path: string;
      readonly resource: string;
      readonly allow: readonly HttpMethod[];
    }
  | { readonly kind: 'not-found' };

interface Resource {
  readonly template: string;
  readonly segments: readonly string[];
  readonly literalCount: number;
  readonly methods: readonly HttpMethod[];
}

const PARAM = /^\{([A-Za-z0-9_]+)\}$/;

function splitPath(path: string): string[] {
  return path.split('/').slice(1);
}

/** Percent-decodes a path segment; a malformed escape is kept as sent. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchResource(resource: Resource, segments: readonly string[]): Record<string, string> | undefined {
  if (resource.segments.length !== segments.length) return undefined;
  const parameters = new Map<string, string>();
  for (const [index, pattern] of resource.segments.entries()) {
    const actual = segments[index] ?? '';
    const param = PARAM.exec(pattern)?.[1];
    if (param !== undefined) {
      if (actual === '') return undefined;
      parameters.set(param, decodeSegment(actual));
    } else if (pattern !== actual) {
      return undefined;
    }
  }
  return Object.fromEntries(parameters);
}

export interface Router {
  /** `rawPath` is the request's path as sent (percent-encoded, stage included), without the query. */
  resolve(method: string, rawPath: string): Resolution;
}

/** A router over the route table and its stages. */
export function createRouter(): Router {
  const stageNames: readonly string[] = stages;
  const resources: Resource[] = [...methodsByPath()].map(([template, methods]) => {
    const segments = splitPath(template);
    return {
      template,
      segments,
      literalCount: segments.filter((segment) => !PARAM.test(segment)).length,
      methods,
    };
  });
  resources.sort((a, b) => b.literalCount - a.literalCount);

  return {
    resolve(method, rawPath) {
      const [stage, ...rest] = splitPath(rawPath);
      if (stage === undefined || !stageNames.includes(stage)) return { kind: 'not-found' };
      // API Gateway ignores one trailing slash: /v1/tasks/ is /v1/tasks.
      if (rest.length > 1 && rest[rest.length - 1] === '') rest.pop();
      const path = `/${rest.join('/')}`;
      for (const resource of resources) {
        const pathParameters = matchResource(resource, rest);
        if (!pathParameters) continue;
        const route = routes.find(
          (candidate) => candidate.path === resource.template && candidate.method === method.toUpperCase(),
        );
        if (route) return { kind: 'route', stage, path, route, pathParameters };
        return {
          kind: 'method-not-allowed',
          stage,
          path,
          resource: resource.template,
          allow: resource.methods,
        };
      }
      return { kind: 'not-found' };
    },
  };
}
