import { ProblemError } from '../errors/problem-error';

/**
 * Strong ETags derived from a task's `version` (bumped by every write), and the parsing of the
 * conditional-request headers that carry them back (RFC 9110 section 13).
 */
export function etagOf(version: number): string {
  return `"v${version}"`;
}

/** `*`, or the list of entity tags a header names; weak tags are kept with their `W/` prefix. */
export type EntityTags = '*' | string[];

const ENTITY_TAG = /^(W\/)?"[\x21\x23-\x7e]*"$/;

/** The entity tags a conditional header names; a malformed header is a 400 naming the header. */
export function parseEntityTags(header: string, name: string): EntityTags {
  const value = header.trim();
  if (value === '*') return '*';
  const tags = value.split(',').map((part) => part.trim());
  if (tags.length === 0 || tags.some((tag) => !ENTITY_TAG.test(tag))) {
    throw new ProblemError('malformed-request', `${name} must be "*" or a list of quoted entity tags`);
  }
  return tags;
}

/** What `If-Match` asks of a write: a version, any existing task (`*`), or nothing (absent). */
export type RequiredVersion = number | 'any' | undefined;

/**
 * The version an `If-Match` header requires, `'any'` for `*`, or undefined when absent. If-Match uses the
 * strong comparison, so a weak or foreign tag can never match: it requires a version that cannot exist (0).
 */
export function requiredVersion(ifMatch: string | undefined): RequiredVersion {
  if (ifMatch === undefined) return undefined;
  const tags = parseEntityTags(ifMatch, 'If-Match');
  if (tags === '*') return 'any';
  for (const tag of tags) {
    const match = /^"v([1-9]\d{0,15})"$/.exec(tag);
    if (match?.[1] !== undefined) return Number(match[1]);
  }
  return 0;
}

/** True when `If-None-Match` names the current ETag (weak comparison, as RFC 9110 says for GET). */
export function noneMatchHits(ifNoneMatch: string | undefined, currentEtag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return tagsMatchWeakly(parseEntityTags(ifNoneMatch, 'If-None-Match'), currentEtag);
}

/** Whether parsed `If-None-Match` tags name `currentEtag` (weak comparison). */
export function tagsMatchWeakly(tags: EntityTags, currentEtag: string): boolean {
  return tags === '*' || tags.some((tag) => tag.replace(/^W\//, '') === currentEtag);
}
