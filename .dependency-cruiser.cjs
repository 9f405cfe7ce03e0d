// Imports point one way: `npm run lint` fails when a lower layer imports a higher one.
//
// functions/ (the runtime), lowest first; a layer may import its own and any lower layer:
//   0 shared/errors, shared/util   problem types, the error class, tiny helpers: import nothing of ours
//   1 shared/config                environment, clock
//     shared/observability         logger, metrics, tracing (Powertools, X-Ray); same layer as config
//   2 shared/domain                task and user rules, schemas, representations (no I/O)
//   3 shared/data, shared/auth     DynamoDB entities and repositories; passwords, tokens, signing keys
//   4 shared/http                  route-contract types, middleware, the handler factory, responses
//   5 **/*.contract.ts, routes.ts  one contract per route, and the route table
//   6 <resource>/*.ts              the handlers (one per route; they never import each other)
// lib/ (infrastructure, local gateway, OpenAPI) and bin/ sit above functions/, which never imports them.
const layers = [
  { name: 'errors-and-util', path: '^functions/shared/(errors|util)/' },
  { name: 'config', path: '^functions/shared/(config|observability)/' },
  { name: 'domain', path: '^functions/shared/domain/' },
  { name: 'data-and-auth', path: '^functions/shared/(data|auth)/' },
  { name: 'http', path: '^functions/shared/http/' },
  { name: 'contracts', path: '^functions/(routes\\.ts$|[^/]+/[^/]+\\.contract\\.ts$)' },
  { name: 'handlers', path: '^functions/(?!shared/)[^/]+/(?![^/]+\\.contract\\.ts$)[^/]+\\.ts$' },
];

const upward = layers.flatMap((lower, index) =>
  layers.slice(index + 1).map((higher) => ({
    name: `no-${lower.name}-to-${higher.name}`,
    comment: `functions layer "${lower.name}" must not import the higher layer "${higher.name}" (see .dependency-cruiser.cjs)`,
    severity: 'error',
    from: { path: lower.path },
    to: { path: higher.path },
  })),
);

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'errors-and-util-import-nothing-of-ours',
      comment: 'shared/errors and shared/util are the bottom: they import only each other and packages',
      severity: 'error',
      from: { path: '^functions/shared/(errors|util)/' },
      to: { path: '^(functions|lib|bin|bench|test)/', pathNot: '^functions/shared/(errors|util)/' },
    },
    {
      name: 'handlers-do-not-import-handlers',
      comment: 'a handler is one function; what two handlers share belongs in functions/shared',
      severity: 'error',
      from: { path: '^functions/(?!shared/)([^/]+)/(?![^/]+\\.contract\\.ts$)[^/]+\\.ts$' },
      to: { path: '^functions/(?!shared/)[^/]+/(?![^/]+\\.contract\\.ts$)[^/]+\\.ts$' },
    },
    {
      name: 'runtime-never-imports-infrastructure',
      comment: 'functions/ is deployed on its own: it may not import lib/, bin/, bench/ or test/',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^(lib|bin|bench|test)/' },
    },
    {
      name: 'config-is-the-bottom-of-lib',
      comment: 'lib/config holds facts shared by CDK and the local gateway; it builds on neither',
      severity: 'error',
      from: { path: '^lib/config/' },
      to: { path: '^lib/(infra|local|openapi)/' },
    },
    {
      name: 'cdk-and-local-gateway-stay-apart',
      comment: 'the CDK stack and the local gateway share lib/config and functions/, not each other',
      severity: 'error',
      from: { path: '^lib/(infra|local)/' },
      to: { path: '^lib/(infra|local)/', pathNot: '^lib/$1/' },
    },
    {
      name: 'no-circular',
      comment: 'import cycles make load order matter and layers meaningless',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|cdk\\.out|\\.data)/' },
  },
};
