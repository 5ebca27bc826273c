import { describe, expect, it } from 'vitest';
import { LatencyWatchdog } from './watchdog.ts';

describe('LatencyWatchdog', () => {
  it('allows the initial limit until something was measured, then a multiple of the slowest recent time', () => {
    const watchdog = new LatencyWatchdog({ initialMs: 60_000, factor: 10, floorMs: 5_000, keep: 3 });
    expect(watchdog.limit()).toBe(60_000);
    expect(watchdog.limit(2)).toBe(120_000);
    watchdog.record(300);
    expect(watchdog.limit()).toBe(5_000); // 10 × 300 ms is below the floor
    watchdog.record(2_400, 2); // 1.2 s per unit
    expect(watchdog.expected()).toBe(1_200);
    expect(watchdog.limit(2)).toBe(24_000);
    watchdog.record(100);
    watchdog.record(100);
    watchdog.record(100); // the slow one fell out of the window
    expect(watchdog.limit()).toBe(5_000);
    watchdog.reset();
    expect(watchdog.limit()).toBe(60_000);
  });
});
