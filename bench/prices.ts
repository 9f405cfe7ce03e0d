/**
 * AWS on-demand list prices in us-east-1 (USD) that `npm run bench` prices requests with (section 6), each
 * with the page it comes from. Read on PRICES_AS_OF from AWS's pricing pages and announcements; AWS
 * changes prices, so check the pages before budgeting. First tiers only (the volumes of one API).
 */
export const PRICES_AS_OF = '2026-11-27';

export const prices = {
  apiGateway: {
    /** REST API requests, first 333 million a month. */
    restPerMillion: 3.5,
    /** HTTP API requests, first 300 million a month (for comparison only: this API is a REST API). */
    httpPerMillion: 1.0,
    source: 'https://aws.amazon.com/api-gateway/pricing/',
  },
  lambda: {
    requestsPerMillion: 0.2,
    /** Arm (Graviton), first 7.5 billion GB-seconds a month; billed per 1 ms. */
    armPerGbSecond: 0.0000133334,
    /** Since 2025-08-01 the INIT phase of ZIP functions on managed runtimes is billed like the handler. */
    initBilledSince: '2025-08-01',
    source: 'https://aws.amazon.com/lambda/pricing/',
    initSource: 'https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/',
  },
  dynamodb: {
    /** On-demand, Standard table class (after the 2024-11-01 price cut). */
    perMillionWriteUnits: 0.625,
    perMillionReadUnits: 0.125,
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
  },
  cloudwatchLogs: {
    /** Standard class ingestion (first tier of Lambda's vended-log tiers, the flat rate for API Gateway). */
    ingestionPerGb: 0.5,
    storagePerGbMonth: 0.03,
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
  },
  xray: {
    perMillionTracesRecorded: 5.0,
    freeTracesPerMonth: 100_000,
    source: 'https://aws.amazon.com/xray/pricing/',
  },
  waf: {
    /** On by default in staging and prod (`-c taskApi:waf=false` turns it off); plus $5 per web ACL and $1 per rule a month. */
    perMillionRequests: 0.6,
    source: 'https://aws.amazon.com/waf/pricing/',
  },
  dataTransfer: {
    /** Out to the internet, after the first 100 GB a month, up to 10 TB. */
    outPerGb: 0.09,
    source: 'https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer',
  },
  secretsManager: {
    perTenThousandCalls: 0.05,
    source: 'https://aws.amazon.com/secrets-manager/pricing/',
  },
} as const;

/** Lambda's CPU share: 1,769 MB is one vCPU, less memory a proportional share (Lambda docs, "Memory"). */
export const LAMBDA_MB_PER_VCPU = 1769;
