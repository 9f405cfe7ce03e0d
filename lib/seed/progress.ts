/**
 * Progress of a long run: a bar redrawn in place on a terminal, plain lines at every tenth otherwise (a
 * log file or CI output gets no carriage returns).
 */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Progress {
  /** One more item done. */
  tick(): void;
  /** Ends the bar's line. */
  done(): void;
}

export function progress(stream: ProgressStream, total: number, label: string): Progress {
  let count = 0;
  if (stream.isTTY) {
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 20));
    const draw = () => {
      const filled = total === 0 ? width : Math.round((count / total) * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${count}/${total}`);
    };
    draw();
    return {
      tick: () => {
        count += 1;
        draw();
      },
      done: () => void stream.write('\n'),
    };
  }
  const step = Math.max(1, Math.ceil(total / 10));
  return {
    tick: () => {
      count += 1;
      if (count % step === 0 || count === total) stream.write(`${label}: ${count}/${total}\n`);
    },
    done: () => undefined,
  };
}
