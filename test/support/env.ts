// Runs in every test worker before the test file: the AWS SDK must never reach for real credentials.
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
process.env.AWS_REGION ??= 'us-east-1';
// The AWS SDK warns once per process that its 2027 releases will need Node 22. Harmless here (the lock file
// pins versions that support Node 20), and printed by every test file it would bury the warnings that matter.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
