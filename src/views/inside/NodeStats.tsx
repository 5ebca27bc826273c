/** Statistics of a node's output and, for a residual block, the norms of its parts (paper §3.3). */
import type { ActivationStats, ResidualNorms } from '../../runtime/inside/protocol.ts';
import { value } from './numbers.ts';

export function StatsList({ stats }: { stats: ActivationStats }) {
  return (
    <dl className="facts" aria-label="Output statistics">
      <dt>Mean</dt><dd>{value(stats.mean)}</dd>
      <dt>Std</dt><dd>{value(stats.std)}</dd>
      <dt>Min / max</dt><dd>{value(stats.min)} / {value(stats.max)}</dd>
      <dt>Exact zeros</dt><dd data-stat="zeros">{(stats.zeroFraction * 100).toFixed(1)} %<span className="detail">of {stats.count.toLocaleString('en-US')} values</span></dd>
    </dl>
  );
}

export function ResidualNormsView({ norms }: { norms: ResidualNorms }) {
  const widest = Math.max(norms.shortcut, norms.branch, norms.scaled, 1e-12);
  const bar = (v: number) => <span className="norm-bar" aria-hidden="true"><span style={{ width: `${(100 * v) / widest}%` }} /></span>;
  return (
    <div className="residual-norms">
      <h4>The residual addition, out = act(x + s·r)</h4>
      <dl className="facts" aria-label="Norms of the residual block">
        <dt>‖x‖ shortcut</dt><dd>{value(norms.shortcut)}{bar(norms.shortcut)}</dd>
        <dt>‖r‖ branch</dt><dd>{value(norms.branch)}{bar(norms.branch)}</dd>
        <dt>‖s·r‖, s = {norms.scale}</dt><dd>{value(norms.scaled)}{bar(norms.scaled)}</dd>
        <dt>‖s·r‖ / ‖x‖</dt><dd data-stat="ratio"><strong>{value(norms.ratio)}</strong></dd>
      </dl>
      <p className="empty">
        How much this block changes what flows through it. §3.3 of the paper scales the residual branch down so
        that it stays small against the shortcut.
      </p>
    </div>
  );
}
