/**
 * The residual-scale lab (paper §3.3): a slider per group of Inception-ResNet blocks, applied to the live
 * network (no weights reloaded); the photo re-runs and the top-5 and logits are compared with the
 * released scales'. Honest about what it shows: the effect of the scale on a trained network at
 * inference, not the training instability the paper's scaling prevented.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { LookInsideResult, ResidualScales } from '../../runtime/inside/protocol.ts';
import { softmax } from '../../runtime/softmax.ts';
import { percent } from '../format.ts';
import { LogitScatter } from './LogitScatter.tsx';
import { value } from './numbers.ts';
import type { ResidualGroup } from '../../model/analysis/residual-groups.ts';

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
  return (
    <section className="inspector residual-lab" aria-labelledby="lab-title" aria-busy={busy}>
      <h3 id="lab-title">Residual scales (§3.3)</h3>
      <p className="empty">
        Each Inception-ResNet block adds s·r to its input x. The released network uses s = 0.17, 0.10 and 0.20;
        0 switches a group’s residual branches off.
      </p>
      {groups.map((g) => <ScaleSlider key={g.address} group={g} value={draft[g.address] ?? g.scale} onChange={(v) => set(g.address, v)} />)}
      <p>
        <button type="button" disabled={!changed} onClick={() => { clearTimeout(timer.current); onChange({}); }}>Released scales</button>
        {busy && <span className="empty" role="status"> running the photo…</span>}
      </p>
      {current && released && changed && <Comparison current={current} released={released} />}
      <details>
        <summary>Why the paper scales residuals</summary>
        <p>
          Szegedy et al. found that with more than about 1000 filters, residual variants “started to exhibit
          instabilities and the network has just ‘died’ early in the training”: the last layer before the average
          pooling produced only zeros after a few tens of thousands of iterations. Scaling the residuals by
          0.1–0.3 before adding them stabilised training, without hurting accuracy (§3.3, Fig. 20).
        </p>
        <p>
          What you see here is different: the same trained weights with other scales at inference. It shows how
          much each group’s residuals carry the prediction — not the instability in training that the scaling
          prevented.
        </p>
      </details>
    </section>
  );
}

function ScaleSlider({ group, value: v, onChange }: { group: ResidualGroup; value: number; onChange: (v: number) => void }) {
  const id = useId();
  return (
    <div className="scale-slider">
      <label htmlFor={id}>{group.count} × {group.title}</label>
      <output htmlFor={id}>s = {v.toFixed(2)}{v === group.scale ? '' : ` (released ${group.scale})`}</output>
      <input id={id} type="range" min={0} max={1} step={0.01} value={v} onChange={(e) => onChange(Number(e.currentTarget.value))}
        aria-valuetext={`s = ${v}${v === group.scale ? ' (released)' : ''}`} data-group={group.address} />
    </div>
  );
}

function Comparison({ current, released }: { current: LookInsideResult; released: LookInsideResult }) {
  const before = new Map(released.top.map((p, i) => [p.classIndex, i]));
  let maxShift = 0;
  for (let i = 0; i < current.logits.length; i++) maxShift = Math.max(maxShift, Math.abs(current.logits[i] - released.logits[i]));
  const top1Kept = current.top[0]?.classIndex === released.top[0]?.classIndex;
  const releasedProbabilities = softmax(released.logits);
  return (
    <div className="lab-comparison">
      <h4>Top-5 against the released scales</h4>
      <ol className="lab-top" data-testid="lab-top">
        {current.top.map((p) => {
          const was = before.get(p.classIndex);
          const releasedP = releasedProbabilities[p.classIndex];
          return (
            <li key={p.classIndex} data-class-index={p.classIndex}>
              <span className="label">{p.label.split(', ')[0]}</span> {percent(p.probability)}
              <span className="empty">{was === undefined ? ' new in the top-5' : ` was #${was + 1}`}{releasedP !== undefined ? ` (${percent(releasedP)})` : ''}</span>
            </li>
          );
        })}
      </ol>
      <p>
        {top1Kept ? 'The top-1 class is unchanged.' : <strong>The top-1 class changed.</strong>} Largest change of a logit: {value(maxShift)}.
      </p>
      <LogitScatter released={released.logits} current={current.logits} />
    </div>
  );
}
