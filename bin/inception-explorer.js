#!/usr/bin/env node
// Runs the TypeScript CLI straight from source through tsx, so `npx inception-explorer` works right
// after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

// Output that cannot be written (stdout sent to a full disk, a closed pipe) ends the command with one
// line and a non-zero status, not a stack trace from an unhandled 'error' event.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE')
    process.stderr.write(
      `inception-explorer: cannot write the output (${error.code === 'ENOSPC' ? 'no space left on the device' : error.message})\n`,
    );
  process.exit(1);
});

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
