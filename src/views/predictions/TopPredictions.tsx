import type { Prediction } from '../../runtime/worker/protocol.ts';
import { percent } from '../format.ts';
import { classifyText } from '../i18n/classify.ts';
import { useMessages } from '../i18n/messages.ts';
import './predictions.css';

/** The top-k classes as bars, most probable first; the bar length is the probability. */
export function TopPredictions({ top }: { top: readonly Prediction[] }) {
  const t = useMessages(classifyText).result;
  return (
    <ol className="top-predictions">
      {top.map((p) => (
        <li key={p.classIndex} data-class-index={p.classIndex} data-probability={p.probability}>
          <span className="label" title={t.imagenetClass(p.classIndex, p.label)}>
            {p.label.split(', ')[0]}
          </span>
          <span className="value">{percent(p.probability)}</span>
          <span className="bar" aria-hidden="true">
            <span style={{ width: `${Math.max(p.probability * 100, 0.5)}%` }} />
          </span>
        </li>
      ))}
    </ol>
  );
}
