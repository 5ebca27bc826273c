/** Where a command writes; tests pass their own to capture output without spawning a process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** A status line redrawn in place (a progress bar), only where stderr is a terminal; undefined clears it. */
  progress?(line: string | undefined): void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  ...(process.stderr.isTTY ? {
    progress: (line: string | undefined) => void process.stderr.write(`\r\x1b[2K${line ?? ''}`),
  } : {}),
};

/** A user-facing failure: printed without a stack trace, exit status 1 (or 2 for usage errors). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}
