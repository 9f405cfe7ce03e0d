import {
  createLogView,
  type GatewayAccessEntry,
  type LogFormat,
  type Stream,
} from '../../lib/local/log-view';

const accessLine = {
  level: 'INFO',
  message: 'request completed',
  timestamp: '2026-11-27T10:42:07.512Z',
  service: 'task-api',
  cold_start: true,
  function_name: 'CreateTask',
  function_request_id: 'e1f0',
  request_id: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  stage: 'v2',
  route: 'CreateTask',
  user_id: 'user-1',
  method: 'POST',
  resource: '/tasks',
  path: '/v2/tasks',
  status: 201,
  latency_ms: 12.5,
};
const emf = {
  _aws: {
    Timestamp: Date.parse('2026-11-27T10:42:07.513Z'),
    CloudWatchMetrics: [
      {
        Namespace: 'TaskApi',
        Dimensions: [['service', 'stage']],
        Metrics: [{ Name: 'TasksCreated', Unit: 'Count' }],
      },
    ],
  },
  service: 'task-api',
  stage: 'v2',
  request_id: accessLine.request_id,
  TasksCreated: 1,
};
const gatewayEntry = (requestId: string, status: number): GatewayAccessEntry => ({
  requestId,
  requestTime: '2026-11-27T10:42:07.500Z',
  httpMethod: 'POST',
  path: '/v2/tasks',
  status,
  responseLatency: 14.2,
});

function view(format: LogFormat) {
  const printed: [string, Stream][] = [];
  return { printed, view: createLogView(format, (line, stream) => printed.push([line, stream])) };
}

describe('npm start output (pretty)', () => {
  it('shows a request as one line: time, status, method and path, latency, route, request id, user, cold start', () => {
    const { printed, view: logs } = view('pretty');
    logs.functionOutput(`${JSON.stringify(accessLine)}\n`, 'stdout');
    logs.gatewayAccess(gatewayEntry(accessLine.request_id, 201));
    expect(printed).toEqual([
      [
        '10:42:07.512  201  POST /v2/tasks  12.5 ms  CreateTask  req c6af9ac6-7b61-11e6-9a41-93e8deadbeef  user user-1  cold start',
        'stdout',
      ],
    ]);
  });

  it("adds the problem type and detail, and a 5xx's stack below its line, on the stream it came from", () => {
    const { printed, view: logs } = view('pretty');
    const failed = {
      ...accessLine,
      level: 'ERROR',
      status: 500,
      cold_start: false,
      error_type: 'internal-error',
      error: { name: 'TypeError', message: 'boom', stack: 'TypeError: boom\n    at handler (create.ts:1:1)' },
    };
    const refused = {
      ...accessLine,
      status: 422,
      cold_start: false,
      error_type: 'validation-error',
      error_detail: '1 field is invalid',
    };
    logs.functionOutput(`${JSON.stringify(refused)}\n${JSON.stringify(failed)}\n`, 'stderr');
    expect(printed.map(([line]) => line)).toEqual([
      expect.stringMatching(/ 422  POST \/v2\/tasks .* → validation-error: 1 field is invalid$/),
      expect.stringMatching(/ 500  POST \/v2\/tasks .* → internal-error$/),
      '      TypeError: boom',
      '          at handler (create.ts:1:1)',
    ]);
    expect(printed.every(([, stream]) => stream === 'stderr')).toBe(true);
  });

  it('summarises an EMF document as one metrics line, and other log lines with their fields', () => {
    const { printed, view: logs } = view('pretty');
    const debug = {
      level: 'DEBUG',
      message: 'aws call',
      timestamp: '2026-11-27T10:42:07.510Z',
      route: 'CreateTask',
      aws_operation: 'TransactWriteItems',
    };
    logs.functionOutput(`${JSON.stringify(debug)}\n${JSON.stringify(emf)}\n`, 'stdout');
    expect(printed.map(([line]) => line)).toEqual([
      '10:42:07.510  DEBUG  CreateTask  aws call  aws_operation=TransactWriteItems',
      '10:42:07.513  metrics TaskApi  TasksCreated=1  {service=task-api, stage=v2}',
    ]);
  });

  it('shows the gateway line only for requests the gateway answered itself', () => {
    const { printed, view: logs } = view('pretty');
    logs.gatewayAccess(gatewayEntry('gw-1', 403));
    expect(printed).toEqual([['10:42:07.500  403  POST /v2/tasks  14.2 ms  gateway  req gw-1', 'stdout']]);
  });

  it('passes the server’s own messages through, and reassembles lines written in pieces', () => {
    const { printed, view: logs } = view('pretty');
    const line = JSON.stringify(accessLine);
    logs.functionOutput('Task API is running\n', 'stdout');
    logs.functionOutput(line.slice(0, 40), 'stdout');
    logs.functionOutput(`${line.slice(40)}\n`, 'stdout');
    expect(printed.map(([each]) => each)).toEqual([
      'Task API is running',
      expect.stringContaining(' 201  POST /v2/tasks'),
    ]);
  });
});

describe('npm start -- --json-logs', () => {
  it('prints every line exactly as CloudWatch would receive it, plus the gateway’s access entries as JSON', () => {
    const { printed, view: logs } = view('json');
    const lines = [JSON.stringify(accessLine), JSON.stringify(emf)];
    logs.functionOutput(`${lines.join('\n')}\n`, 'stdout');
    logs.gatewayAccess(gatewayEntry(accessLine.request_id, 201));
    expect(printed.slice(0, 2).map(([line]) => line)).toEqual(lines);
    expect(JSON.parse(printed[2]?.[0] ?? '')).toEqual({
      source: 'gateway',
      ...gatewayEntry(accessLine.request_id, 201),
    });
  });
});
