/** Where a command writes; tests pass their own to capture output without spawning a process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** A status line redrawn in place (a progress bar), only where stderr is a terminal; undefined clears it. */
  progress?(line: string | undefined): void;
}

/** C0 and C1 control characters but the line break and tab: what could move the cursor or recolour a terminal. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * `text` with its control characters written as escapes ("\x1b[31m" shows as the text `\x1b[31m`): a file
 * name, a label or an argument echoed in a message can then neither recolour the terminal, move its
 * cursor nor hide what precedes it. JSON output has them escaped already (JSON.stringify).
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const line = (text: string) => printable(text.endsWith('\n') ? text.slice(0, -1) : text) + '\n';

export const processIo: Io = {
  out: (text) => process.stdout.write(line(text)),
  err: (text) => process.stderr.write(line(text)),
  ...(process.stderr.isTTY
    ? {
        progress: (status: string | undefined) => void process.stderr.write(`\r\x1b[2K${printable(status ?? '')}`),
      }
    : {}),
};

/** A user-facing failure: printed without a stack trace, exit status 1 (or 2 for usage errors). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
