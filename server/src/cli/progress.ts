import cliProgress from 'cli-progress';

/** A progress reporter: a live bar on a terminal, a line every few seconds (and at the end) otherwise. */
export interface Progress {
  start(total: number, label?: string): void;
  update(done: number, total?: number, label?: string): void;
  stop(): void;
}

export interface ProgressOptions {
  /** Where lines go when stdout is not a terminal (default: process.stdout). */
  out?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Minimum time between two lines when not a terminal. */
  intervalMs?: number;
  /** Disable output entirely (tests that only care about the result). */
  quiet?: boolean;
}

export function createProgress(title: string, opts: ProgressOptions = {}): Progress {
  const out = opts.out ?? process.stdout;
  if (opts.quiet) return { start() {}, update() {}, stop() {} };
  if (out.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${title} [{bar}] {percentage}% | {value}/{total} {label}`,
        hideCursor: true,
        stream: out as NodeJS.WriteStream,
      },
      cliProgress.Presets.shades_classic,
    );
    let label = '';
    let stopped = false;
    return {
      start: (total, l) => {
        stopped = false;
        label = l ?? '';
        bar.start(Math.max(total, 1), 0, { label });
      },
      update: (done, total, l) => {
        if (l !== undefined) label = l;
        if (total !== undefined) bar.setTotal(Math.max(total, 1));
        bar.update(done, { label });
      },
      stop: () => {
        if (stopped) return;
        stopped = true;
        bar.stop();
      },
    };
  }
  const interval = opts.intervalMs ?? 2000;
  let last = 0;
  let total = 0;
  let done = 0;
  let label = '';
  const line = () => out.write(`${title}: ${done}/${total}${label ? ` ${label}` : ''}\n`);
  return {
    start: (t, l) => {
      total = Math.max(t, 0);
      done = 0;
      label = l ?? '';
      last = Date.now();
      line();
    },
    update: (d, t, l) => {
      done = d;
      if (l !== undefined) label = l;
      if (t !== undefined) total = t;
      if (Date.now() - last >= interval) {
        last = Date.now();
        line();
      }
    },
    stop: () => {
      if (total < 0) return;
      line();
      total = -1;
    },
  };
}
