/**
 * The evaluation's dashboards, after the results: for one mode (the run's own at first), the reliability
 * diagram with the expected calibration error over 15 bins, the confusion among the classes present (a
 * matrix up to 50 classes, the most frequent confusions always), and the evaluated images, misclassified
 * first, each opening in "look inside" with one click. The figures are computed again only when the
 * records change (records.ts → dashboards.ts).
 */
import { useMemo, useRef, useState } from 'react';
import { RELIABILITY_BINS } from '../../../runtime/evaluation/calibration.ts';
import { MATRIX_CLASSES } from '../../../runtime/evaluation/confusion.ts';
import { modeDashboard } from '../../../runtime/evaluation/dashboards.ts';
import { evaluatedImages } from '../../../runtime/evaluation/image-list.ts';
import { percentText } from '../../../runtime/evaluation/metrics.ts';
import { modeKey, modeNetworks, modeTitle } from '../../../runtime/evaluation/mode.ts';
import { dashboardsText } from '../../i18n/dashboards.ts';
import { useMessages } from '../../i18n/messages.ts';
import { useElementWidth } from '../../compare/useElementWidth.ts';
import type { EvaluateState, EvaluateStore } from '../evaluate-store.ts';
import { shortName } from '../WorstClasses.tsx';
import { ConfusionMatrix } from './ConfusionMatrix.tsx';
import { confusionGrid } from './confusion-grid.ts';
import { ImageList } from './ImageList.tsx';
import { ReliabilityDiagram } from './ReliabilityDiagram.tsx';
import { reliabilityDiagram } from './reliability-diagram.ts';
import './dashboards.css';

export function Dashboards({ state, store }: { state: EvaluateState; store: EvaluateStore }) {
  const t = useMessages(dashboardsText);
  const modes = state.summary?.modes ?? [];
  const mainKey = state.run ? modeKey(state.run.mode) : undefined;
  const [chosen, setChosen] = useState<string>();
  const shown = modes.find((m) => m.key === chosen) ?? modes.find((m) => m.key === mainKey) ?? modes[0];
  const key = shown?.key;
  const version = state.recordsVersion;
  const figures = useMemo(() => (key ? { ...modeDashboard(store.records, key), images: evaluatedImages(store.records, key), version }
    : undefined), [store, key, version]);
  const ref = useRef<HTMLElement>(null);
  const width = useElementWidth(ref, 720);
  if (!shown || !figures) return null;
  const { reliability, confusion } = figures;
  const chartWidth = Math.max(280, Math.min(440, width));
  const grid = confusionGrid(confusion, Math.max(280, Math.min(720, width)));

  return (
    <section className="dashboards" aria-labelledby="dashboards-heading" data-mode={shown.key} ref={ref}>
      <h2 id="dashboards-heading">{t.heading}</h2>
      <p className="meta">
        <label>
          {t.intro[0]}
          <select value={shown.key} onChange={(e) => setChosen(e.currentTarget.value)}>
            {modes.map((m) => <option key={m.key} value={m.key}>{modeTitle(m.mode)}</option>)}
          </select>
        </label>
        {t.intro[1]}
      </p>

      <h3>{t.reliability.title}</h3>
      <p className="ece" data-ece={reliability.ece}>
        <strong>{t.ece(percentText(reliability.ece), RELIABILITY_BINS, reliability.images)}</strong>{' '}
        {t.meanFigures(percentText(reliability.confidence), percentText(reliability.accuracy))}
      </p>
      <figure className="reliability">
        <ReliabilityDiagram geometry={reliabilityDiagram(reliability, chartWidth)} figures={reliability} t={t.reliability} />
        <figcaption className="legend">
          <span><i className="swatch accuracy" aria-hidden="true" />{t.reliability.legendAccuracy}</span>
          <span><i className="swatch gap" aria-hidden="true" />{t.reliability.legendGap}</span>
          <span><i className="swatch diagonal" aria-hidden="true" />{t.reliability.legendDiagonal}</span>
          <span className="axes">{t.reliability.axes}</span>
        </figcaption>
      </figure>

      <h3>{t.confusion.title}</h3>
      {grid ? (
        <>
          <p className="meta">{t.confusion.matrixIntro}</p>
          <div className="confusion-scroll">
            <ConfusionMatrix geometry={grid} figures={confusion} nameOf={shortName} t={t.confusion} />
          </div>
        </>
      ) : <p className="meta">{t.confusion.tooMany(confusion.classes.length, MATRIX_CLASSES)}</p>}
      <h4>{t.confusion.top}</h4>
      {confusion.top.length === 0 ? <p className="meta">{t.confusion.none}</p> : (
        <ol className="top-confusions">
          {confusion.top.map((p) => (
            <li key={`${p.label}-${p.predicted}`} data-label={p.label} data-predicted={p.predicted}>
              <span>{shortName(p.label)}</span> → <span>{shortName(p.predicted)}</span> <span className="count">×{p.count}</span>
            </li>
          ))}
        </ol>
      )}

      <h3>{t.images.title}</h3>
      <ImageList key={shown.key} images={figures.images} network={modeNetworks(shown.mode.model)[0]}
        fileAt={(path) => store.fileAt(path)} t={t.images} />
    </section>
  );
}
