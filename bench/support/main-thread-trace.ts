/**
 * What a page's main thread spent, task by task, from a Chromium trace (Browser.startTracing with the
 * 'toplevel' category): each task's wall time and its thread's CPU time. A long task (> 50 ms of wall
 * time) whose CPU time is small was the thread waiting for a core on a loaded machine, not the page's work.
 */
import { readFileSync } from 'node:fs';

export const MAIN_THREAD_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'];

export interface MainThreadTask {
  /** Trace clock, µs. */
  ts: number;
  wallMs: number;
  cpuMs: number;
}

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** The tasks of the renderer main thread that ran the most tasks in the trace at `path` (the page's). */
export function mainThreadTasks(path: string): MainThreadTask[] {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, MainThreadTask[]>();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.name !== 'RunTask' || !mains.has(thread)) continue;
    const tasks = byThread.get(thread) ?? [];
    tasks.push({ ts: e.ts, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 });
    byThread.set(thread, tasks);
  }
  return [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
}
