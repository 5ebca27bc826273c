/**
 * The backends the commands that run a network take (`--backend`), checked and started in one place:
 * WebAssembly, the plain CPU backend, and WebGPU through Dawn (webgpu.node.ts) where Node finds an adapter.
 * WebGPU is never replaced by another backend when it cannot start: the user asked for the GPU, so the
 * command stops with why (no adapter: no GPU, or no Vulkan driver) and what to use instead.
 */
import { NoBackendError } from '../runtime/backends/activate.ts';
import { activateNodeBackend, type NodeBackend, type NodeBackendChoice } from '../runtime/backends/backends.node.ts';
import { releaseNodeWebGpu } from '../runtime/backends/webgpu.node.ts';
import { CliError, type Io } from './io.ts';
import { englishFailure } from '../runtime/failure-words.ts';

/** Every `--backend` of the CLI; `auto` is WebAssembly, else the CPU backend (never WebGPU unasked). */
export const CLI_BACKENDS = ['auto', 'wasm', 'webgpu', 'cpu'] as const satisfies readonly NodeBackendChoice[];

export type CliBackend = (typeof CLI_BACKENDS)[number];

/** "wasm|webgpu|cpu", for usage lines (auto is the default, not named). */
export function backendsText(choices: readonly CliBackend[] = CLI_BACKENDS): string {
  return choices.filter((c) => c !== 'auto').join('|');
}

/** `value` as one of `choices`, else a usage error that lists them. */
export function backendFor<T extends CliBackend>(
  value: string,
  usage: (message: string) => CliError,
  choices: readonly T[] = CLI_BACKENDS as readonly CliBackend[] as readonly T[],
): T {
  if (!(choices as readonly string[]).includes(value)) {
    const list = choices.filter((c) => c !== 'auto');
    throw usage(`--backend must be ${list.slice(0, -1).join(', ')} or ${list.at(-1)}, got "${value}"`);
  }
  return value as T;
}

/**
 * Starts `backend`. One that cannot start is a CliError that says why and to use `instead`; a WebGPU
 * adapter is named on stderr (stdout stays the command's report), with a warning when it is a software one.
 */
export async function startCliBackend(backend: CliBackend, io: Io, instead: string): Promise<NodeBackend> {
  let active: NodeBackend;
  try {
    active = await activateNodeBackend(backend);
  } catch (error) {
    if (!(error instanceof NoBackendError)) throw error;
    const reasons = error.skipped.map((s) => englishFailure(s.reason)).join('; ');
    throw new CliError(`--backend ${backend} cannot be used: ${reasons}. ${instead}`);
  }
  if (active.name === 'webgpu') {
    io.err(
      `WebGPU adapter: ${active.detail}${
        active.software ? ' — a software one: it runs, but its timings only prove that it runs' : ''
      }`,
    );
  }
  return active;
}

/** Lets Node exit after a command on WebGPU: Dawn's device keeps it running until released. */
export function stopCliBackend(active: NodeBackend): void {
  if (active.name === 'webgpu') releaseNodeWebGpu();
}

/** Runs `body` on `backend` (startCliBackend), stopping it afterwards. */
export async function withCliBackend<T>(
  backend: CliBackend,
  io: Io,
  instead: string,
  body: (active: NodeBackend) => Promise<T>,
): Promise<T> {
  const active = await startCliBackend(backend, io, instead);
  try {
    return await body(active);
  } finally {
    stopCliBackend(active);
  }
}
