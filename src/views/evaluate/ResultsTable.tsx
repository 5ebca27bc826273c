/**
 * Error rates per mode with their 95 % intervals, next to the paper's Tables 2–5 (and the ReaL top-1
 * error when counted). A small interval chart per row puts the measured range and the paper's value on
 * one axis, so "within the interval" can be seen at a glance.
 */
import { scaleLinear } from 'd3';
import { paperEvaluationFor } from '../../model/paper-evaluation.ts';
import type { ErrorRate } from '../../runtime/evaluation/metrics.ts';
import { errorRate, fixedPercent } from '../format.ts';
import { useModeWords } from './mode-words.ts';
import type { ModeSummary, Summary } from '../../runtime/evaluation/records.ts';
import { evaluateText } from '../i18n/evaluate.ts';
import { useMessages } from '../i18n/messages.ts';

function Rate({ error }: { error: ErrorRate }) {
  if (error.total === 0) return <>–</>;
  const [lo, hi] = error.ci95;
  return (
    <>
      <span className="rate">{fixedPercent(error.rate)}</span>
      <span className="sub">
        {(lo * 100).toFixed(1)}–{(hi * 100).toFixed(1)} %
      </span>
    </>
  );
}

/** The measured interval (bar), the measured rate (dot) and the paper's value (diamond) on 0–max %. */
function IntervalMark({ error, paper, max }: { error: ErrorRate; paper?: number; max: number }) {
  const t = useMessages(evaluateText).results;
  const x = scaleLinear().domain([0, max]).range([4, 116]).clamp(true);
  if (error.total === 0) return null;
  const [lo, hi] = error.ci95.map((v) => x(v * 100));
  return (
    <svg
      className="interval"
      width={120}
      height={14}
      viewBox="0 0 120 14"
      role="img"
      aria-label={t.interval(
        fixedPercent(error.rate),
        (error.ci95[0] * 100).toFixed(1),
        (error.ci95[1] * 100).toFixed(1),
        paper?.toFixed(1),
      )}
    >
      <line className="axis" x1={4} x2={116} y1={7} y2={7} />
      <rect className="ci" x={lo} width={Math.max(1, hi - lo)} y={3} height={8} rx={2} />
      <circle className="measured" cx={x(error.rate * 100)} cy={7} r={2.5} />
      {paper !== undefined && <path className="paper" d={`M${x(paper)} 1 l4 6 l-4 6 l-4 -6 z`} />}
    </svg>
  );
}

function paperFor(m: ModeSummary) {
  return paperEvaluationFor(m.mode.model, m.mode.crops);
}

export function ResultsTable({ summary }: { summary: Summary }) {
  const withReal = summary.modes.some((m) => m.real);
  const messages = useMessages(evaluateText);
  const t = messages.results;
  const words = useModeWords();
  const max = Math.min(
    100,
    Math.max(25, ...summary.modes.flatMap((m) => [m.top1.ci95[1] * 100, m.top5.ci95[1] * 100])),
  );
  return (
    // Scrolls sideways on a phone: focusable, so that the keyboard can scroll it too (axe:
    // scrollable-region-focusable).
    <div className="results-table" role="region" aria-label={messages.errorRates} tabIndex={0}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t.mode}</th>
            <th scope="col" className="num">
              {t.images}
            </th>
            <th scope="col">
              {t.top1} <span className="sub">{t.ci}</span>
            </th>
            <th scope="col">
              {t.top5} <span className="sub">{t.ci}</span>
            </th>
            {withReal && (
              <th scope="col">
                {t.realTop1} <span className="sub">{t.ci}</span>
              </th>
            )}
            <th scope="col">{t.paper}</th>
          </tr>
        </thead>
        <tbody>
          {summary.modes.map((m) => {
            const paper = paperFor(m);
            return (
              <tr key={m.key} data-mode={m.key} data-top1={m.top1.rate} data-top5={m.top5.rate}>
                <th scope="row">{words.mode(m.mode)}</th>
                <td className="num">{m.top1.total}</td>
                <td>
                  <Rate error={m.top1} />
                  <IntervalMark error={m.top1} paper={paper?.top1Error} max={max} />
                </td>
                <td>
                  <Rate error={m.top5} />
                  <IntervalMark error={m.top5} paper={paper?.top5Error} max={max} />
                </td>
                {withReal && (
                  <td>
                    {m.real ? <Rate error={m.real.top1} /> : '–'}
                    {m.real && (
                      <span className="sub">{t.counted(m.real.top1.total, m.real.leftOut, m.real.unknown)}</span>
                    )}
                  </td>
                )}
                <td>
                  {paper ? (
                    <>
                      {paper.top1Error === undefined ? '–' : errorRate(paper.top1Error)} / {errorRate(paper.top5Error)}
                      <span className="sub">{t.table(paper.table, paper.models)}</span>
                    </>
                  ) : (
                    <span className="sub">{t.notInPaper}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="meta legend-note">
        <svg width={12} height={12} aria-hidden="true">
          <rect className="ci" width={12} height={12} rx={2} />
        </svg>
        {t.legend[0]}
        <svg width={12} height={12} aria-hidden="true">
          <path className="paper" d="M6 0 l5 6 l-5 6 l-5 -6 z" />
        </svg>
        {t.legend[1]}
        {t.note(max.toFixed(0))}
      </p>
    </div>
  );
}
