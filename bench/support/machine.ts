/** The machine a benchmark ran on, for its first line: the CPU, its cores and the load at that moment. */
import { cpus, loadavg } from 'node:os';

export function machineLine(): string {
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');
  return `${cpus()[0]?.model ?? 'CPU'} × ${cpus().length} cores, load average ${load} (1, 5, 15 min)`;
}
