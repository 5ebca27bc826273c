/**
 * The evaluation's dashboards, after the results: for one mode (the run's own at first), the reliability
 * diagram with the expected calibration error over 15 bins, the confusion among the classes present (a
 * matrix up to 50 classes, the most frequent confusions always), and the evaluated images, misclassified
 * first, each opening in "look inside" with one click. The figures are computed again only when the
 * records change (records.ts → dashboards.ts).
 */
import { useMemo, useRef, useState } from 'react';
import { RELIABILITY_BINS, type Reliability } from '../../../runtime/evaluation/calibration.ts';
import { MATRIX_CLASSES, type Confusion } from '../../../runtime/evaluation/confusion.ts';
import { modeDashboard } from '../../../runtime/evaluation/dashboards.ts';
import { evaluatedImages } from '../../../runtime/evaluation/image-list.ts';
import { fixedPercent } from '../../format.ts';
import { modeKey, modeNetworks } from '../../../runtime/evaluation/mode.ts';
import { useModeWords } from '../mode-words.ts';
import { dashboardsText } from '../../i18n/dashboards.ts';
import type { DashboardsMessages } from '../../i18n/en/dashboards.ts';
import { useMessages } from '../../i18n/messages.ts';
import { useElementWidth } from '../../compare/useElementWidth.ts';
import type { EvaluateState } from '../evaluate-state.ts';
import type { EvaluateStore } from '../evaluate-store.ts';
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
  const words = useModeWords();
  const mainKey = state.run ? modeKey(state.run.mode) : undefined;
  const [chosen, setChosen] = useState<string>();
  const shown = modes.find((m) => m.key === chosen) ?? modes.find((m) => m.key === mainKey) ?? modes[0];
  const key = shown?.key;
  const version = state.recordsVersion;
  const figures = useMemo(
    () =>
      key ? { ...modeDashboard(store.records, key), images: evaluatedImages(store.records, key), version } : undefined,
    [store, key, version],
  );
  const ref = useRef<HTMLElement>(null);
  const width = useElementWidth(ref, 720);
  if (!shown || !figures) return null;
  // Side by side where two fit (the page's .charts grid), one under the other on a phone.
  const panel = width >= 2 * 440 + 24 ? Math.floor((width - 24) / 2) : width;
  const chartWidth = Math.max(280, Math.min(440, panel));

  return (
    <section className="dashboards" aria-labelledby="dashboards-heading" data-mode={shown.key} ref={ref}>
      <h2 id="dashboards-heading">{t.heading}</h2>
      <p className="meta">
        <label>
          {t.intro[0]}
          <select value={shown.key} onChange={(e) => setChosen(e.currentTarget.value)}>
            {modes.map((m) => (
              <option key={m.key} value={m.key}>
                {words.mode(m.mode)}
              </option>
            ))}
          </select>
        </label>
        {t.intro[1]}
      </p>

      <div className="dashboard-charts">
        <CalibrationPanel figures={figures.reliability} width={chartWidth} t={t} />
        <ConfusionPanel figures={figures.confusion} width={panel} t={t.confusion} />
      </div>

      <h3>{t.images.title}</h3>
      <ImageList
        key={shown.key}
        images={figures.images}
        network={modeNetworks(shown.mode.model)[0]}
        fileAt={(path) => store.fileAt(path)}
        t={t.images}
      />
    </section>
  );
}

function CalibrationPanel({ figures, width, t }: { figures: Reliability; width: number; t: DashboardsMessages }) {
  return (
    <div>
      <h3>{t.reliability.title}</h3>
      <p className="ece" data-ece={figures.ece}>
        <strong>{t.ece(fixedPercent(figures.ece), RELIABILITY_BINS, figures.images)}</strong>{' '}
        {t.meanFigures(fixedPercent(figures.confidence), fixedPercent(figures.accuracy))}
      </p>
      <figure className="reliability">
        <ReliabilityDiagram geometry={reliabilityDiagram(figures, width)} figures={figures} t={t.reliability} />
        <figcaption className="legend">
          <span>
            <i className="swatch accuracy" aria-hidden="true" />
            {t.reliability.legendAccuracy}
          </span>
          <span>
            <i className="swatch gap" aria-hidden="true" />
            {t.reliability.legendGap}
          </span>
          <span>
            <i className="swatch diagonal" aria-hidden="true" />
            {t.reliability.legendDiagonal}
          </span>
          <span className="axes">{t.reliability.axes}</span>
        </figcaption>
      </figure>
    </div>
  );
}

function ConfusionPanel({
  figures,
  width,
  t,
}: {
  figures: Confusion;
  width: number;
  t: DashboardsMessages['confusion'];
}) {
  const grid = confusionGrid(figures, Math.max(280, Math.min(720, width)));
  return (
    <div>
      <h3>{t.title}</h3>
      {grid ? (
        <>
          <p className="meta">{t.matrixIntro}</p>
          <div className="confusion-scroll">
            <ConfusionMatrix geometry={grid} figures={figures} nameOf={shortName} t={t} />
          </div>
        </>
      ) : (
        <p className="meta">{t.tooMany(figures.classes.length, MATRIX_CLASSES)}</p>
      )}
      <h4>{t.top}</h4>
      {figures.top.length === 0 ? (
        <p className="meta">{t.none}</p>
      ) : (
        <ol className="top-confusions">
          {figures.top.map((p) => (
            <li key={`${p.label}-${p.predicted}`} data-label={p.label} data-predicted={p.predicted}>
              <span>{shortName(p.label)}</span> → <span>{shortName(p.predicted)}</span>{' '}
              <span className="count">×{p.count}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
