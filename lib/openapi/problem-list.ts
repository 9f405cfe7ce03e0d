import { problemGuide } from '../../functions/shared/errors/problem-guide';
import { problemTypes, problemTypeUri, type ProblemKind } from '../../functions/shared/errors/problem-types';

/**
 * The problem types section of docs/API.md, written from the same catalogue and guide the API and its
 * reference page use: one heading per kind, so `docs/API.md#<kind>` is the entry of the problem whose
 * `type` ends with `<kind>`. `npm run openapi` rewrites it between the markers; a test fails when stale.
 */
export const PROBLEM_LIST_START =
  '<!-- problem-types:start (written by `npm run openapi`; edit functions/shared/errors/problem-guide.ts) -->';
export const PROBLEM_LIST_END = '<!-- problem-types:end -->';

export function problemListMarkdown(): string {
  const kinds = Object.keys(problemTypes) as ProblemKind[];
  const index = kinds.map(
    (kind) => `- ${problemTypes[kind].status} [\`${kind}\`](#${kind}): ${problemTypes[kind].title}`,
  );
  const entries = kinds.flatMap((kind) => [
    `### ${kind}`,
    '',
    `**${problemTypes[kind].status} ${problemTypes[kind].title}** · \`${problemTypeUri(kind)}\``,
    '',
    problemGuide[kind].meaning,
    '',
    `**What to do:** ${problemGuide[kind].action}`,
    '',
  ]);
  return [PROBLEM_LIST_START, '', ...index, '', ...entries, PROBLEM_LIST_END].join('\n');
}

/** `markdown` with its problem list (between the markers) replaced by the current one. */
export function withProblemList(markdown: string): string {
  const start = markdown.indexOf(PROBLEM_LIST_START);
  const end = markdown.indexOf(PROBLEM_LIST_END);
  if (start < 0 || end < start) throw new Error('docs/API.md has no problem-types markers');
  return markdown.slice(0, start) + problemListMarkdown() + markdown.slice(end + PROBLEM_LIST_END.length);
}
