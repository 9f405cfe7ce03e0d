/**
 * The DynamoDB tables, described once. CDK deploys these objects; the local bootstrap creates the same
 * tables in DynamoDB Local from them; the functions read each table's physical name from the environment
 * variable named here (`table-names.ts`), and the entities read key and index names from here.
 */
export interface LocalIndexDefinition {
  readonly indexName: string;
  /** The index's sort key (its partition key is the table's). */
  readonly sortKey: string;
}

export interface GlobalIndexDefinition {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  /** What the index copies from each item: its keys only, these attributes too, or everything. */
  readonly projection: 'KEYS_ONLY' | 'ALL' | { readonly include: readonly string[] };
}

export interface TableDefinition {
  /** CloudFormation logical id and local table-name suffix. */
  readonly logicalId: string;
  /** Environment variable that carries the physical table name to the functions. */
  readonly envVar: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  /** LSIs: same partition, strongly consistent reads; they can only be created with the table. */
  readonly localIndexes: readonly LocalIndexDefinition[];
  /** GSIs: another partition key; eventually consistent; can be added to a live table. */
  readonly globalIndexes: readonly GlobalIndexDefinition[];
  readonly ttlAttribute?: string;
}

/**
 * Users, tasks and per-user counters share one table: a user's tasks live in the user's partition, so
 * every task read is a Query on one partition key and another user's task is unreachable by construction.
 * The local secondary indexes serve each sort order of `GET /tasks` (LSIs cannot be added later).
 */
export const tasksTable = {
  logicalId: 'TasksTable',
  envVar: 'TASKS_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  localIndexes: [
    { indexName: 'by_updated_at', sortKey: 'lsi_updated_at' },
    { indexName: 'by_title', sortKey: 'lsi_title' },
    { indexName: 'by_due_date', sortKey: 'lsi_due_date' },
    { indexName: 'by_priority', sortKey: 'lsi_priority' },
    { indexName: 'by_status', sortKey: 'lsi_status' },
  ],
  globalIndexes: [],
} as const satisfies TableDefinition;

/** Idempotency records for `POST /tasks`: written in the create's transaction, expired by TTL after 24 h. */
export const idempotencyTable = {
  logicalId: 'IdempotencyTable',
  envVar: 'IDEMPOTENCY_TABLE',
  partitionKey: 'pk',
  localIndexes: [],
  globalIndexes: [],
  ttlAttribute: 'expires_at',
} as const satisfies TableDefinition;

/** Fixed-window per-IP counters for `/auth/*`: one atomic UpdateItem per request, expired by TTL. */
export const rateLimitTable = {
  logicalId: 'RateLimitTable',
  envVar: 'RATE_LIMIT_TABLE',
  partitionKey: 'pk',
  localIndexes: [],
  globalIndexes: [],
  ttlAttribute: 'expires_at',
} as const satisfies TableDefinition;

/** Every table, by the name the code uses for it. */
export const tableDefinitions = {
  tasks: tasksTable,
  idempotency: idempotencyTable,
  rateLimits: rateLimitTable,
} as const satisfies Record<string, TableDefinition>;
export type TableName = keyof typeof tableDefinitions;

export const TABLE_NAMES = Object.keys(tableDefinitions) as TableName[];
