import { createHash } from 'node:crypto';
import type { ApiVersion } from '../domain/api-version';
import { problemGuide } from '../errors/problem-guide';
import { problemTypes, problemTypeUri, type ProblemKind } from '../errors/problem-types';
import type { TextMediaType } from './route-contract';

/**
 * The interactive reference (`GET /{stage}/docs`): Swagger UI rendering the stage's own OpenAPI document,
 * followed by the problem types, each under the anchor of its kind. Swagger UI's files come from the
 * `swagger-ui-dist` npm package through `GET /{stage}/docs/{asset}`, so the page works without any CDN.
 */

/** The page's files, by the name they are served under: the npm package file and its media type. */
export const REFERENCE_ASSETS = {
  'swagger-ui-bundle.js': {
    package: 'swagger-ui-dist',
    file: 'swagger-ui-bundle.js',
    mediaType: 'text/javascript',
  },
  'swagger-ui.css': { package: 'swagger-ui-dist', file: 'swagger-ui.css', mediaType: 'text/css' },
} as const satisfies Record<string, { package: string; file: string; mediaType: TextMediaType }>;
export type ReferenceAssetName = keyof typeof REFERENCE_ASSETS;
export const REFERENCE_ASSET_NAMES = Object.keys(REFERENCE_ASSETS) as [
  ReferenceAssetName,
  ...ReferenceAssetName[],
];

/**
 * Starts Swagger UI on the document of the stage the page was served from, with that stage as the only
 * server, so "Try it out" calls this stage wherever it is mounted (a custom domain's base path included).
 * No network beyond this origin: the validator badge (which calls swagger.io) is off.
 */
const STARTER = `(function () {
  var root = location.pathname.replace(/\\/docs\\/?$/, '');
  var target = document.getElementById('swagger-ui');
  fetch(root + '/openapi.json', { headers: { accept: 'application/json' } })
    .then(function (response) {
      if (!response.ok) throw new Error('GET ' + root + '/openapi.json answered ' + response.status);
      return response.json();
    })
    .then(function (spec) {
      spec.servers = [{ url: root, description: 'This stage' }];
      window.ui = SwaggerUIBundle({
        spec: spec,
        dom_id: '#swagger-ui',
        deepLinking: true,
        validatorUrl: null,
        displayRequestDuration: true,
        defaultModelsExpandDepth: 0,
        onComplete: function () {
          // A problem type's anchor (docs#precondition-failed) sits below the operations: scroll to it once
          // they are laid out.
          var anchor = location.hash.length > 1 ? document.getElementById(location.hash.slice(1)) : null;
          if (anchor) setTimeout(function () { anchor.scrollIntoView(); }, 0);
        },
      });
    })
    .catch(function (error) {
      target.textContent = 'Could not load the OpenAPI document: ' + error.message;
    });
})();`;

/**
 * The page's Content-Security-Policy: scripts only from this origin plus the starter above (by its hash),
 * requests only to this origin. Swagger UI styles elements inline, hence `'unsafe-inline'` for styles.
 */
export const REFERENCE_PAGE_CSP = [
  "default-src 'none'",
  `script-src 'self' 'sha256-${createHash('sha256').update(STARTER).digest('base64')}'`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** The guide's Markdown is plain text with `code` spans. */
const inlineHtml = (markdown: string): string =>
  escapeHtml(markdown).replace(/`([^`]+)`/g, (_match, code: string) => `<code>${code}</code>`);

function problemEntry(kind: ProblemKind): string {
  const { status, title } = problemTypes[kind];
  const { meaning, action } = problemGuide[kind];
  return [
    `<article id="${kind}" class="problem">`,
    `<h3><a href="#${kind}">${kind}</a> <span>${status} ${escapeHtml(title)}</span></h3>`,
    `<p><code>${escapeHtml(problemTypeUri(kind))}</code></p>`,
    `<p>${inlineHtml(meaning)}</p>`,
    `<p><strong>What to do:</strong> ${inlineHtml(action)}</p>`,
    '</article>',
  ].join('');
}

const STYLE = `body{margin:0;font-family:sans-serif;color:#3b4151}
#problem-types{max-width:1460px;margin:0 auto 4rem;padding:0 20px}
#problem-types h2{font-size:1.5rem}
.problem{border-top:1px solid #ddd;padding:.5rem 0}
.problem h3{font-size:1.1rem;margin:.5rem 0}.problem h3 a{color:inherit}.problem h3 span{font-weight:normal;color:#666}
.problem p{margin:.4rem 0;line-height:1.4}
:target{background:#fffbe6}`;

/**
 * The page for one version. `docsPath` is the path the page was requested at (`/v2/docs`, or under a custom
 * domain's base path): the asset URLs are built from it, so they work with or without a trailing slash.
 */
export function renderReferencePage(version: ApiVersion, docsPath: string): string {
  const assets = escapeHtml(`${docsPath.replace(/\/+$/, '')}/`);
  const kinds = Object.keys(problemTypes) as ProblemKind[];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Task API ${version} reference</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assets}swagger-ui.css">
<style>${STYLE}</style>
</head>
<body>
<div id="swagger-ui"></div>
<section id="problem-types">
<h2>Problem types</h2>
<p>Every error is an RFC 9457 <code>application/problem+json</code> body whose <code>type</code> is
<code>https://task-api.dev/problems/&lt;kind&gt;</code>. The kind is the anchor of its entry on this page
(<code>docs#validation-error</code>) and in the repository's <code>docs/API.md</code>.</p>
${kinds.map(problemEntry).join('\n')}
</section>
<script src="${assets}swagger-ui-bundle.js"></script>
<script>${STARTER}</script>
</body>
</html>
`;
}
