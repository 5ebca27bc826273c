/** Test helper: an `Io` that keeps what a command writes, so CLI tests run `main` in-process. */
import type { Io } from '../../cli/io.ts';

export interface CapturedIo extends Io {
  stdout: string;
  stderr: string;
}

export function captureIo(): CapturedIo {
  const io: CapturedIo = {
    stdout: '',
    stderr: '',
    out(text) {
      io.stdout += `${text}\n`;
    },
    err(text) {
      io.stderr += `${text}\n`;
    },
  };
  return io;
}
