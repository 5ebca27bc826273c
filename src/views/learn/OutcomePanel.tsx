/**
 * What the run shows, in sentences built from its numbers (outcome.ts): each network's held-out error,
 * and for a preset its question's facts — whatever they are. Nothing is claimed that the records do not
 * show; a race still running says "so far".
 */
import type { LearnMessages } from '../i18n/en/learn.ts';
import { learnText } from '../i18n/learn.ts';
import { useMessages } from '../i18n/messages.ts';
import type { NetworkFacts, RaceOutcome } from './outcome.ts';

function factsText(
  f: NetworkFacts,
  title: string,
  t: LearnMessages['outcome'],
  percent: (v: number) => string,
): string {
  if (f.finalError === undefined) return t.noEpoch(title);
  let text = t.final(title, percent(f.finalError), f.epochs);
  if (f.best && f.best.error < f.finalError) text += t.best(percent(f.best.error), f.best.epoch);
  if (f.diedAt !== undefined) text += t.died(f.diedAt);
  if (f.stopped) text += t.stoppedEarly(t.reasons[f.stopped.reason]);
  return text;
}

export function OutcomePanel({ outcome, titles }: { outcome: RaceOutcome; titles: Readonly<Record<string, string>> }) {
  const words = useMessages(learnText);
  const t = words.outcome;
  const percent = words.charts.percent;
  const title = (network: string) => titles[network] ?? network;
  const list = (networks: readonly string[]) => networks.map(title).join(t.and);
  const question = outcome.question ? words.presets[outcome.question].question : undefined;
  return (
    <section className="learn-outcome" aria-labelledby="learn-outcome-heading">
      <h2 id="learn-outcome-heading">{t.heading}</h2>
      {question && (
        <p className="question">
          <strong>{question}</strong>
        </p>
      )}
      <ul>
        {outcome.networks.map((f) => (
          <li key={f.network} data-network={f.network}>
            {factsText(f, title(f.network), t, percent)}
            {t.end}
          </li>
        ))}
      </ul>
      {outcome.common && (
        <p data-fact="common">
          {t.common(percent(outcome.common.error), outcome.over)}
          {outcome.common.reached.map((r) => t.reachedAt(title(r.network), r.epoch)).join(t.and)}
          {t.end}
        </p>
      )}
      {outcome.unstable && outcome.unstable.length > 0 && (
        <p data-fact="unstable">{t.unstable(list(outcome.unstable), outcome.over)}</p>
      )}
      {outcome.stable && outcome.stable.length > 0 && outcome.unstable && outcome.unstable.length > 0 && (
        <p data-fact="stable">{t.stable(list(outcome.stable))}</p>
      )}
      {outcome.unstable && outcome.unstable.length === 0 && outcome.stable && outcome.stable.length > 0 && (
        <p data-fact="none-unstable">{outcome.over ? t.noneUnstable : t.noneUnstableSoFar}</p>
      )}
      <p className="meta">{t.oneSeed}</p>
    </section>
  );
}
