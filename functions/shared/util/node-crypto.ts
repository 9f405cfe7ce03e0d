import type * as NodeCrypto from 'node:crypto';

/**
 * `node:crypto`, loaded on first use instead of at import: requiring it costs a fresh process ~9 ms, a third
 * of the authorizer's whole cold import, while jose (WebCrypto) also loads it only when it first verifies.
 * Modules on the authorizer's path take it from here; everything else imports `node:crypto` as usual.
 */
export const nodeCrypto = (): typeof NodeCrypto => process.getBuiltinModule('node:crypto');
