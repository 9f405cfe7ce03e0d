/**
 * The deployment environments: one object per environment, read by the CDK app (one API stack each) and
 * by the delivery tests and workflows. What differs between dev, staging and prod is written here and
 * nowhere else; everything else is the same code.
 */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ServiceLevelObjectives } from './slos';
import type { UsagePlanName } from './usage-plans';

export const environmentNames = ['dev', 'staging', 'prod'] as const;
export type EnvironmentName = (typeof environmentNames)[number];

/**
 * How CodeDeploy moves a function's `live` alias to the new version. A canary sends `percentage` of the
 * traffic for `intervalMinutes`, then the rest; linear adds `percentage` every `intervalMinutes`. The
 * function's deployment alarms are watched the whole time and roll the alias back when one fires.
 */
export type DeploymentStrategy =
  | { readonly type: 'allAtOnce' }
  | { readonly type: 'canary'; readonly percentage: number; readonly intervalMinutes: number }
  | { readonly type: 'linear'; readonly percentage: number; readonly intervalMinutes: number };

/** The thresholds of the alarms that roll a deployment back (each evaluated per minute). */
export interface DeploymentAlarmThresholds {
  /** Failed requests of one route in one minute: function errors plus 5XX answers on its method. */
  readonly errorsPerMinute: number;
  /** p99 duration of the function (ms) that, held for `latencyMinutes` minutes in a row, rolls back. */
  readonly latencyP99Ms: number;
  readonly latencyMinutes: number;
}

export interface EnvironmentConfig {
  readonly name: EnvironmentName;
  /** The CloudFormation stack; the functions, tables and alarms CloudFormation names start with it. */
  readonly stackName: string;
  /** Prefix of the names the stack sets itself (REST API, usage plans): unique per environment. */
  readonly resourcePrefix: string;
  /** DynamoDB. `retain` keeps the tasks table (users, tasks: data that cannot be rebuilt) on stack deletion. */
  readonly data: {
    readonly retain: boolean;
    /** DynamoDB refuses to delete a protected table, so deleting the stack fails until it is turned off. */
    readonly deletionProtection: boolean;
    readonly pointInTimeRecovery: boolean;
  };
  /**
   * Functions' and access log groups: how long CloudWatch keeps them, and whether they outlive the stack;
   * the share of invocations (0..1) logged at DEBUG whatever LOG_LEVEL says (Powertools' debug sampling;
   * `-c taskApi:debugLogSampleRate=…` overrides it for one CDK command).
   */
  readonly logs: {
    readonly retention: RetentionDays;
    readonly retain: boolean;
    readonly debugSampleRate: number;
  };
  readonly functions: {
    /** Every function's memory, unless its route contract names its own (`memoryMb`). */
    readonly memoryMb: number;
    /**
     * Concurrent executions reserved for the bearer-token authorizer, which is also its ceiling: a flood of
     * forged tokens (no API key needed to reach it) cannot take the account's concurrency from the routes'
     * functions. Unset: no reservation (an account still on the new-account quota of 10 cannot reserve any).
     */
    readonly authorizerConcurrency?: number;
  };
  readonly alarms: {
    /** The SLOs per stage; the paging alarms (lib/infra/observability/slo-alarms.ts) derive from them. */
    readonly slo: ServiceLevelObjectives;
    readonly deployment: DeploymentAlarmThresholds;
  };
  /**
   * X-Ray: the share of the API's requests traced (0..1) at any traffic, by a sampling rule that replaces
   * the default one (first request each second + 5 %) for the API's stages (lib/infra/trace-sampling.ts).
   */
  readonly traceSampleRate: number;
  /** AWS WAF in front of both stages; `-c taskApi:waf=true|false` overrides it for one CDK command. */
  readonly waf: boolean;
  /**
   * Origins allowed to call the API from a browser (`https://app.example.com`, or `*` alone for any). Empty:
   * CORS off, the default on AWS until a deployer lists origins; `-c taskApi:corsOrigins=…` overrides it for
   * one CDK command. Each origin gets preflights on every resource and CORS headers on every answer.
   */
  readonly corsOrigins: readonly string[];
  /** The usage plans (from lib/config/usage-plans.ts) this environment deploys, one API key each. */
  readonly usagePlans: readonly UsagePlanName[];
  /** How a new version of every function reaches its traffic. */
  readonly deployment: DeploymentStrategy;
}

/** The alarm thresholds staging and prod share: staging rehearses what prod will do. */
const productionAlarms: EnvironmentConfig['alarms'] = {
  // p99 over every request of a stage, cold starts and OWASP-cost password hashing included: tighten it
  // once production's slowest requests are known (saved log query 2).
  slo: { availabilityPercent: 99.9, latencyP99Ms: 3000 },
  deployment: { errorsPerMinute: 1, latencyP99Ms: 1500, latencyMinutes: 2 },
};

export const environments: Readonly<Record<EnvironmentName, EnvironmentConfig>> = {
  /** A developer's sandbox: cheap, disposable, fast to deploy. */
  dev: {
    name: 'dev',
    stackName: 'TaskApi-dev',
    // A sandbox's traffic is a developer's: every request traced.
    traceSampleRate: 1,
    resourcePrefix: 'task-api-dev',
    data: { retain: false, deletionProtection: false, pointInTimeRecovery: false },
    logs: { retention: RetentionDays.ONE_WEEK, retain: false, debugSampleRate: 0.1 },
    functions: { memoryMb: 512 },
    alarms: {
      slo: { availabilityPercent: 99, latencyP99Ms: 5000 },
      deployment: { errorsPerMinute: 1, latencyP99Ms: 3000, latencyMinutes: 2 },
    },
    waf: false,
    corsOrigins: [],
    usagePlans: ['basic'],
    deployment: { type: 'allAtOnce' },
  },
  /** Prod's rehearsal: the same protections and plans, disposable data, a shorter shift. */
  staging: {
    name: 'staging',
    stackName: 'TaskApi-staging',
    traceSampleRate: 0.05,
    resourcePrefix: 'task-api-staging',
    data: { retain: false, deletionProtection: false, pointInTimeRecovery: true },
    logs: { retention: RetentionDays.ONE_MONTH, retain: false, debugSampleRate: 0.1 },
    functions: { memoryMb: 512, authorizerConcurrency: 100 },
    alarms: productionAlarms,
    waf: true,
    corsOrigins: [],
    usagePlans: ['basic', 'premium'],
    deployment: { type: 'linear', percentage: 10, intervalMinutes: 1 },
  },
  /** Customers' data: kept, protected, recoverable; new code meets 10 % of the traffic first. */
  prod: {
    name: 'prod',
    stackName: 'TaskApi-prod',
    // 5 % of requests at any traffic (docs/COST.md: the default rule is the largest cost after API Gateway
    // at low traffic); errors are in the logs and metrics whether traced or not.
    traceSampleRate: 0.05,
    resourcePrefix: 'task-api-prod',
    data: { retain: true, deletionProtection: true, pointInTimeRecovery: true },
    logs: { retention: RetentionDays.THREE_MONTHS, retain: true, debugSampleRate: 0.01 },
    functions: { memoryMb: 512, authorizerConcurrency: 100 },
    alarms: productionAlarms,
    waf: true,
    corsOrigins: [],
    usagePlans: ['basic', 'premium'],
    deployment: { type: 'canary', percentage: 10, intervalMinutes: 5 },
  },
};

/** The stack of what exists once per account and region (lib/infra/account-stack.ts). */
export const ACCOUNT_STACK_NAME = 'TaskApi-account';

/**
 * The environments the deploy workflow promotes a change through, in this order (each is a GitHub
 * environment of the same name); dev is a developer's, deployed by hand.
 */
export const promotionOrder = ['staging', 'prod'] as const satisfies readonly EnvironmentName[];

/** The environment whose deployed template a pull request's diff compares with. */
export const diffEnvironment: EnvironmentName = 'staging';
