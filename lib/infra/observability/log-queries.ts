import { Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  ACCESS_LOG_MESSAGE,
  AUTHORIZER_LOG_MESSAGE,
  REQUEST_ID_KEY,
} from '../../../functions/shared/observability/service';

/** The text to replace with a request's `X-Request-Id` in the first query. */
export const REQUEST_ID_PLACEHOLDER = 'PASTE-THE-X-REQUEST-ID-HERE';

/** The saved queries: name (after the stack's folder) and query. Explained in docs/OPERATIONS.md. */
export const LOG_QUERIES: readonly { name: string; query: logs.QueryStringProps }[] = [
  {
    name: '1 Everything about one request (paste its X-Request-Id)',
    query: {
      fields: [
        '@timestamp',
        '@log',
        'level',
        'message',
        'route',
        'status',
        'latency_ms',
        'error_type',
        'error.name',
        'error.message',
        'error.location',
        'httpMethod',
        'path',
        'errorMessage',
      ],
      // Function lines carry the id as request_id, the stage access log as requestId.
      filterStatements: [
        `${REQUEST_ID_KEY} = "${REQUEST_ID_PLACEHOLDER}" or requestId = "${REQUEST_ID_PLACEHOLDER}"`,
      ],
      sort: '@timestamp asc',
    },
  },
  {
    name: '2 Slowest requests',
    query: {
      fields: [
        '@timestamp',
        'route',
        'stage',
        'method',
        'path',
        'status',
        'latency_ms',
        'cold_start',
        REQUEST_ID_KEY,
      ],
      filterStatements: [`message = "${ACCESS_LOG_MESSAGE}"`],
      sort: 'latency_ms desc',
      limit: 50,
    },
  },
  {
    name: '3 Server errors (5xx) with their errors',
    query: {
      fields: [
        '@timestamp',
        'route',
        'stage',
        'status',
        'error_type',
        'error.name',
        'error.message',
        'error.location',
        'error.cause.name',
        'error.cause.message',
        REQUEST_ID_KEY,
        'xray_trace_id',
      ],
      filterStatements: [
        `(message = "${ACCESS_LOG_MESSAGE}" and status >= 500) or ` +
          `(message = "${AUTHORIZER_LOG_MESSAGE}" and decision = "failed")`,
      ],
      sort: '@timestamp desc',
      limit: 100,
    },
  },
  {
    name: '4 Top problem types',
    query: {
      filterStatements: [`message = "${ACCESS_LOG_MESSAGE}" and ispresent(error_type)`],
      statsStatements: ['count(*) as answers by error_type, status, route'],
      sort: 'answers desc',
    },
  },
  {
    name: '5 Cold starts per function',
    query: {
      filterStatements: ['@type = "REPORT" and ispresent(@initDuration)'],
      statsStatements: [
        'count(*) as cold_starts, avg(@initDuration) as avg_init_ms, max(@initDuration) as max_init_ms by @log',
      ],
      sort: 'cold_starts desc',
    },
  },
];

export interface LogQueriesProps {
  /** The functions' log groups and the stages' access log groups. */
  readonly logGroups: readonly logs.ILogGroup[];
}

/**
 * CloudWatch Logs Insights queries saved in the account, in a folder named after the stack (Logs
 * Insights → Saved queries), each already pointed at the stack's log groups.
 */
export class LogQueries extends Construct {
  constructor(scope: Construct, id: string, props: LogQueriesProps) {
    super(scope, id);
    const folder = Stack.of(this).stackName;
    LOG_QUERIES.forEach(({ name, query }, index) => {
      new logs.QueryDefinition(this, `Query${index + 1}`, {
        queryDefinitionName: `${folder}/${name}`,
        queryString: new logs.QueryString(query),
        logGroups: [...props.logGroups],
      });
    });
  }
}
