import type { APIGatewayProxyEvent } from 'aws-lambda';

/** The API versions; each is an API Gateway stage of the same REST API, served by the same functions. */
export const API_VERSIONS = ['v1', 'v2'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

/** One value per API version (v1 and v2 accept and answer different fields). */
export type Versioned<T> = { readonly [V in ApiVersion]: T };

/**
 * The version a request asked for, read from the stage. An unknown stage (a test stage, say) gets the
 * newest representation.
 */
export function apiVersionOf(event: Pick<APIGatewayProxyEvent, 'requestContext'>): ApiVersion {
  return event.requestContext.stage === 'v1' ? 'v1' : 'v2';
}

/** A version that still works but has a successor: its answers say so (RFC 9745 and RFC 8594 headers). */
export interface Deprecation {
  /** When it was deprecated (UTC midnight of that day): the `Deprecation` header's date. */
  readonly since: string;
  readonly successor: ApiVersion;
}

/**
 * The deprecated versions. v1 has been the previous version since v2 became the current one; it keeps
 * working, and a deployer may announce the day it stops (`V1_SUNSET`).
 */
export const DEPRECATIONS: Partial<Record<ApiVersion, Deprecation>> = {
  v1: { since: '2026-11-26', successor: 'v2' },
};
