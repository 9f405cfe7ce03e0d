/**
 * Loads handler modules the way Lambda does: each module once, on its first request (a cold start), then
 * reused. Lazy, so the functions read `process.env` only after the local server has set it. A module that
 * fails to load is not cached: the next request tries again. Each call runs the way Lambda's runtime runs
 * an invocation (lambda-runtime.ts).
 */
import { resolve } from 'node:path';
import { invokeAsLambda, prepareLambdaRuntime } from './lambda-runtime';

/** A Lambda handler as the gateway calls it: (event, context) → result. */
export type LambdaHandler = (event: unknown, context: unknown) => Promise<unknown>;

/** The repository root (this file is lib/local/handler-modules.ts). */
export const REPOSITORY_ROOT = resolve(__dirname, '..', '..');

export type HandlerLoader = (entry: string) => Promise<LambdaHandler>;

/** A loader for `entry` paths relative to `root` (the route table's `entry` values). */
export function handlerLoader(root: string = REPOSITORY_ROOT): HandlerLoader {
  const loaded = new Map<string, Promise<LambdaHandler>>();
  return (entry) => {
    let handler = loaded.get(entry);
    if (!handler) {
      handler = importHandler(resolve(root, entry));
      loaded.set(entry, handler);
      handler.catch(() => loaded.delete(entry));
    }
    return handler;
  };
}

async function importHandler(path: string): Promise<LambdaHandler> {
  await prepareLambdaRuntime();
  const module = (await import(path)) as { handler?: unknown; default?: { handler?: unknown } };
  // tsx may hand a CommonJS module's exports over as `default` when imported from ESM.
  const handler = module.handler ?? module.default?.handler;
  if (typeof handler !== 'function') throw new Error(`${path} does not export a handler function`);
  return (event, context) =>
    invokeAsLambda(handler as LambdaHandler, event, context as { awsRequestId: string });
}
