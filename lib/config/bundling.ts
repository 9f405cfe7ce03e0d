/**
 * How every function is bundled and started: the one definition that CDK's NodejsFunction
 * (lib/infra/api-function.ts) deploys and the benchmark (bench/bundles.ts) measures, so the bundle whose
 * cold import `npm run bench` reports is byte for byte the one in the deployed asset (the real `cdk synth`
 * test compares them). Every choice here was measured: docs/PERFORMANCE.md, section 5.
 */
import { resolve } from 'node:path';
import type { BuildOptions } from 'esbuild';

/** The repository root: alias targets are given relative to it. */
const ROOT = resolve(__dirname, '../..');

export interface FunctionBundling {
  /** esbuild target: the Lambda runtime's Node.js major. */
  readonly target: 'node22';
  /**
   * CommonJS: esbuild converts the ESM-only packages (middy, jose) into the bundle, and a CJS bundle needs
   * no `createRequire` banner for CommonJS dependencies that `require` Node built-ins, which an ESM bundle
   * does. No module uses top-level await, the one thing CJS could not express.
   */
  readonly format: 'cjs';
  readonly minify: boolean;
  /**
   * Each package's ES module build first: esbuild tree-shakes ESM, not CommonJS (the CommonJS-first
   * default makes a data function's bundle about 200 KB larger and slower to import).
   */
  readonly mainFields: readonly string[];
  /**
   * Emit `index.js.map` (mappings only, `sourcesContent: false`) beside the bundle. It is not loaded at run
   * time unless `--enable-source-maps` is in `nodeOptions`, so it costs nothing on a cold start.
   */
  readonly sourceMap: boolean;
  readonly sourcesContent: boolean;
  /** esbuild `keepNames`: keeps function and class names through minification (size and import cost). */
  readonly keepNames: boolean;
  /** Node.js options the functions start with (Lambda's `NODE_OPTIONS`); empty: none set. */
  readonly nodeOptions: readonly string[];
  /**
   * esbuild `alias`: import path → module bundled in its place (a path relative to the repository root).
   * Used to load built-ins lazily that a dependency imports at load for a path we never take.
   */
  readonly alias: Readonly<Record<string, string>>;
}

/**
 * The deployed configuration. `--enable-source-maps` is deliberately absent: it made Node load and parse
 * each bundle's source map on every cold start (about a quarter of a data function's import time here),
 * to improve stack traces that only errors print. The map still ships, so a trace can be resolved
 * offline, or mapping switched on for one function by setting NODE_OPTIONS (docs/PERFORMANCE.md).
 */
export const functionBundling: FunctionBundling = {
  target: 'node22',
  format: 'cjs',
  minify: true,
  mainFields: ['module', 'main'],
  sourceMap: true,
  sourcesContent: false,
  keepNames: false,
  nodeOptions: [],
  // middy core imports `node:stream/web` at load for streamed responses only, which no function returns:
  // a stand-in loads it on first use (lib/bundling/lazy-builtin.ts; docs/PERFORMANCE.md, section 5c).
  // Not `node:stream` nor `node:stream/promises` (the Lambda runtime's HTTP client loads `node:stream`,
  // which loads the other), nor `node:crypto` (request signing, ids and trace segment ids use it on
  // every function's first request): a stand-in would only move their cost to that request.
  alias: { 'node:stream/web': './lib/bundling/node-stream-web.ts' },
};

/**
 * The esbuild options CDK's NodejsFunction passes for `bundling` (it always bundles for `platform: node`
 * and, with `bundleAwsSDK`, marks nothing external): for building the same bundle outside CDK.
 */
export function esbuildOptions(bundling: FunctionBundling = functionBundling): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    target: bundling.target,
    format: bundling.format,
    minify: bundling.minify,
    mainFields: [...bundling.mainFields],
    sourcemap: bundling.sourceMap,
    sourcesContent: bundling.sourcesContent,
    keepNames: bundling.keepNames,
    alias: absoluteAlias(bundling),
  };
}

/**
 * The alias map with absolute targets: esbuild resolves a relative target against its working directory,
 * which CDK sets to the project root but a script may not. The bundle's bytes do not depend on it.
 */
export function absoluteAlias(bundling: FunctionBundling = functionBundling): Record<string, string> {
  return Object.fromEntries(Object.entries(bundling.alias).map(([from, to]) => [from, resolve(ROOT, to)]));
}

/** The `NODE_OPTIONS` value the functions get, or undefined when there is nothing to set. */
export function nodeOptionsValue(bundling: FunctionBundling = functionBundling): string | undefined {
  return bundling.nodeOptions.length > 0 ? bundling.nodeOptions.join(' ') : undefined;
}
