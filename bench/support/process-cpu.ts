/**
 * CPU time of this process's descendants (the browser Playwright launched: its renderer, GPU and
 * utility processes, with every thread, the WASM pthread workers included), read from Linux's /proc.
 * CPU seconds over wall seconds while a page computes tells how many cores it really kept busy.
 * Elsewhere (no /proc) it returns undefined and the benchmarks say so.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime/stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

function stat(pid: string): { ppid: string; ticks: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields after the last ')' are fixed.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // Fields 4 (ppid), 14 (utime), 15 (stime) of proc(5), counted from the state (field 3) here.
    return { ppid: fields[1], ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // exited meanwhile
  }
}

/** Total CPU seconds (user + system) used so far by the live descendants of `root` (default: this process). */
export function descendantsCpuSeconds(root = String(process.pid)): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  const table = new Map<string, { ppid: string; ticks: number }>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const s = stat(pid);
    if (s) table.set(pid, s);
  }
  const children = new Map<string, string[]>();
  for (const [pid, s] of table) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  let ticks = 0;
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const pid = stack.pop()!;
    ticks += table.get(pid)!.ticks;
    stack.push(...(children.get(pid) ?? []));
  }
  return ticks / TICKS_PER_SECOND;
}

/** Measures CPU seconds / wall seconds of the browser around `work`. */
export async function cpuPerWall<T>(
  work: () => Promise<T>,
): Promise<{ result: T; ratio: number | undefined; wallMs: number }> {
  const cpu0 = descendantsCpuSeconds();
  const t0 = performance.now();
  const result = await work();
  const wallMs = performance.now() - t0;
  const cpu1 = descendantsCpuSeconds();
  const ratio = cpu0 === undefined || cpu1 === undefined ? undefined : (cpu1 - cpu0) / (wallMs / 1000);
  return { result, ratio, wallMs };
}
