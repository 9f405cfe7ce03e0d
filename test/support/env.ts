// Runs in every test worker before the test file: the AWS SDK must never reach for real credentials.
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
process.env.AWS_REGION ??= 'us-east-1';
// The AWS SDK warns once per process that its 2027 releases will need Node 22. Harmless here (the lock file
// pins versions that support Node 20), and printed by every test file it would bury the warnings that matter.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// The local Lambda runtime (lib/local/lambda-runtime.ts) puts its InvokeStore on `globalThis.awslambda`,
// which outlives a test file here, with the last invocation's context still reachable. Each test file
// starts as a fresh process would, without one: a function called directly reads the environment.
delete (globalThis as { awslambda?: unknown }).awslambda;
