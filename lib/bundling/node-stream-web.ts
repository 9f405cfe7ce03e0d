/**
 * `node:stream/web` in the deployed bundles, loaded on first use: middy core imports it for streamed
 * responses only (`instanceof ReadableStream`), which no function of ours returns.
 */
import { lazyBuiltin } from './lazy-builtin';

export = lazyBuiltin('stream/web');
