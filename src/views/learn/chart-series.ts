/**
 * From the runs shown to the lines of each chart: one colour per network (the same network keeps its
 * colour in a compared run, whose lines are dashed), points along epochs or wall time.
 */
import type { ChartSeries } from './line-chart.ts';
import type { NetworkSeries, SeriesPoint } from './series.ts';

/** A run's series as drawn: the shown run solid, a compared one dashed. */
export interface Overlay {
  runId: string;
  series: readonly NetworkSeries[];
  dashed: boolean;
}

/** Colour indices (0–3, then round again) by network id, in order of first appearance. */
export function networkColours(overlays: readonly Overlay[]): Map<string, number> {
  const colours = new Map<string, number>();
  for (const overlay of overlays) {
    for (const s of overlay.series) if (!colours.has(s.network)) colours.set(s.network, colours.size % 4);
  }
  return colours;
}

export type Measure = (series: NetworkSeries) => readonly SeriesPoint[];

/** The lines of one chart: `measure` picks the points, `along` the axis. */
export function chartSeries(overlays: readonly Overlay[], measure: Measure, along: 'epoch' | 'time'): ChartSeries[] {
  const colours = networkColours(overlays);
  return overlays.flatMap((overlay) =>
    overlay.series
      .map((s): ChartSeries => ({
        id: `${overlay.runId}/${s.network}`,
        colour: colours.get(s.network) ?? 0,
        ...(overlay.dashed ? { dashed: true } : {}),
        points: measure(s).map((p) => ({ x: along === 'epoch' ? p.epoch : p.ms, y: p.value })),
        ...(s.stopped && s.stopped.reason !== 'finished' && s.stopped.reason !== 'stopped' ? { stopped: true } : {}),
      }))
      .filter((c) => c.points.length > 0),
  );
}

/** The residual groups measured by any network shown, in order of first appearance. */
export function monitoredGroups(overlays: readonly Overlay[]): string[] {
  const groups: string[] = [];
  for (const overlay of overlays) {
    for (const s of overlay.series) for (const g of Object.keys(s.groups)) if (!groups.includes(g)) groups.push(g);
  }
  return groups;
}
