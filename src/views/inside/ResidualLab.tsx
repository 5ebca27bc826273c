/**
 * The residual-scale lab (paper §3.3): a slider per group of Inception-ResNet blocks, applied to the live
 * network (no weights reloaded); the photo re-runs and the top-5 and logits are compared with the
 * released scales'. Honest about what it shows: the effect of the scale on a trained network at
 * inference, not the training instability the paper's scaling prevented.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { LookInsideResult, ResidualScales } from '../../runtime/inside/protocol.ts';
import { softmax } from '../../runtime/softmax.ts';
import { percent, residualScale, value } from '../format.ts';
import { LogitScatter } from './LogitScatter.tsx';
import { RESIDUAL_SCALE_RANGE, type ResidualGroup } from '../../model/analysis/residual-groups.ts';
import { insideText } from '../i18n/inside.ts';
import { useMessages } from '../i18n/messages.ts';

export interface ResidualLabProps {
  groups: readonly ResidualGroup[];
  /** The scales that differ from the released ones (the URL's). */
  overrides: ResidualScales;
  onChange: (overrides: ResidualScales) => void;
  current: LookInsideResult | undefined;
  released: LookInsideResult | undefined;
  busy: boolean;
}

export function ResidualLab({ groups, overrides, onChange, current, released, busy }: ResidualLabProps) {
  const [draft, setDraft] = useState<ResidualScales>(overrides);
  const [shown, setShown] = useState<ResidualScales>(overrides);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // The URL changed (reset, back/forward): the sliders follow it.
  if (shown !== overrides) {
    setShown(overrides);
    setDraft(overrides);
  }
  useEffect(() => () => clearTimeout(timer.current), []);
  const set = (group: string, v: number) => {
    const next = { ...draft, [group]: v };
    setDraft(next);
    clearTimeout(timer.current);
    // The URL (and a run, ~1 s on WebAssembly) follows the slider once it rests.
    timer.current = setTimeout(() => onChange(next), 250);
  };
  const changed = Object.keys(overrides).length > 0;
  const t = useMessages(insideText).lab;
  return (
    <section className="inspector residual-lab" aria-labelledby="lab-title" aria-busy={busy}>
      <h3 id="lab-title">{t.title}</h3>
      <p className="empty">{t.intro}</p>
      {groups.map((g) => (
        <ScaleSlider
          key={g.address}
          group={g}
          value={draft[g.address] ?? g.scale}
          onChange={(v) => set(g.address, v)}
        />
      ))}
      <p>
        <button
          type="button"
          disabled={!changed}
          onClick={() => {
            clearTimeout(timer.current);
            onChange({});
          }}
        >
          {t.released}
        </button>
        {busy && (
          <span className="empty" role="status">
            {t.running}
          </span>
        )}
      </p>
      {current && released && changed && <Comparison current={current} released={released} />}
      <details>
        <summary>{t.why}</summary>
        <p>{t.whyPaper}</p>
        <p>{t.whyHere}</p>
      </details>
    </section>
  );
}

function ScaleSlider({
  group,
  value: v,
  onChange,
}: {
  group: ResidualGroup;
  value: number;
  onChange: (v: number) => void;
}) {
  const id = useId();
  const t = useMessages(insideText).lab;
  return (
    <div className="scale-slider">
      <label htmlFor={id}>
        {group.count} × {group.title}
      </label>
      <output htmlFor={id}>
        {t.scale(residualScale(v), v === group.scale ? undefined : residualScale(group.scale))}
      </output>
      <input
        id={id}
        type="range"
        min={RESIDUAL_SCALE_RANGE.min}
        max={RESIDUAL_SCALE_RANGE.max}
        step={0.01}
        value={v}
        onChange={(e) => onChange(Number(e.currentTarget.value))}
        aria-valuetext={t.scaleText(residualScale(v), v === group.scale)}
        data-group={group.address}
      />
    </div>
  );
}

function Comparison({ current, released }: { current: LookInsideResult; released: LookInsideResult }) {
  const before = new Map(released.top.map((p, i) => [p.classIndex, i]));
  let maxShift = 0;
  for (let i = 0; i < current.logits.length; i++)
    maxShift = Math.max(maxShift, Math.abs(current.logits[i] - released.logits[i]));
  const top1Kept = current.top[0]?.classIndex === released.top[0]?.classIndex;
  const releasedProbabilities = softmax(released.logits);
  const t = useMessages(insideText).lab;
  return (
    <div className="lab-comparison">
      <h4>{t.against}</h4>
      <ol className="lab-top" data-testid="lab-top">
        {current.top.map((p) => {
          const was = before.get(p.classIndex);
          const releasedP = releasedProbabilities[p.classIndex];
          return (
            <li key={p.classIndex} data-class-index={p.classIndex}>
              <span className="label">{p.label.split(', ')[0]}</span> {percent(p.probability)}
              <span className="empty">
                {was === undefined ? t.isNew : t.was(was + 1)}
                {releasedP !== undefined ? ` (${percent(releasedP)})` : ''}
              </span>
            </li>
          );
        })}
      </ol>
      <p>
        {top1Kept ? t.unchanged : <strong>{t.changed}</strong>}
        {t.largest(value(maxShift))}
      </p>
      <LogitScatter released={released.logits} current={current.logits} />
    </div>
  );
}
