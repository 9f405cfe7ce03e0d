/**
 * Captures what the functions write to stdout and stderr (their log lines and EMF documents, what
 * CloudWatch Logs would receive) while a test runs, instead of printing it.
 */
export interface CapturedOutput {
  /** Every line written so far, in order. */
  lines(): string[];
  /** The lines that are JSON objects, parsed. */
  records(): Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  /** The log lines (not EMF documents) with this message. */
  logs(message?: string): Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The EMF documents (`_aws` present). */
  metrics(): Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  clear(): void;
  restore(): void;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export function captureOutput(): CapturedOutput {
  let text = '';
  const capture = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(capture),
    jest.spyOn(process.stderr, 'write').mockImplementation(capture),
  ];
  const lines = () => text.split('\n').filter((line) => line !== '');
  const records = (): ReturnType<CapturedOutput['records']> =>
    lines().flatMap((line) => {
      try {
        const value: unknown = JSON.parse(line);
        return isRecord(value) ? [value] : [];
      } catch {
        return [];
      }
    });
  return {
    lines,
    records,
    logs: (message) =>
      records().filter(
        (record) => !('_aws' in record) && (message === undefined || record.message === message),
      ),
    metrics: () => records().filter((record) => '_aws' in record),
    clear: () => {
      text = '';
    },
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}
