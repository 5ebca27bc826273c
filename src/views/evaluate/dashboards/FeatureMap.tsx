/**
 * The feature map on the evaluate page: the run's images placed by the first two principal components of
 * their pooled features (runtime/evaluation/feature-map.ts), coloured by true class, misclassified ones
 * outlined; a click names an image. PCA over thousands of 1536-d rows takes a second or more, so during
 * a long run the map is drawn again only when the run pauses or ends.
 */
import { useMemo, useRef, useState } from 'react';
import {
  featureMap,
  featureNetwork,
  FEATURE_MAP_LIMIT,
  type FeatureMap as PlacedImages,
} from '../../../runtime/evaluation/feature-map.ts';
import { fixedPercent } from '../../format.ts';
import { modeKey, NETWORK_TITLES } from '../../../runtime/evaluation/mode.ts';
import { IMAGENET_LABELS } from '../../../runtime/labels.ts';
import { featureMapText } from '../../i18n/feature-map.ts';
import { useMessages } from '../../i18n/messages.ts';
import type { EvaluateState } from '../evaluate-state.ts';
import type { EvaluateStore } from '../evaluate-store.ts';
import { useElementWidth } from '../../compare/useElementWidth.ts';
import { shortName } from '../WorstClasses.tsx';
import { featureMapGeometry, LEGEND_CLASSES, type MapClass, type MapMark } from './feature-map-geometry.ts';
import { FeatureMapChart, Swatch } from './FeatureMapChart.tsx';
import './feature-map.css';

/** The widest map, in px; narrower screens get a map drawn at their width (marks keep their size). */
const WIDTH = 640;
/** Above this many images, a running evaluation keeps its last map until it pauses or ends. */
const LIVE_LIMIT = 500;

/** The legend's mark for "misclassified": no class's colour. */
const NEUTRAL: Pick<MapClass, 'colour' | 'shape'> = { colour: -1, shape: 'circle' };

/** The last map drawn of each store's run, and of how many images' features. */
const drawn = new WeakMap<EvaluateStore, { key: string; map: PlacedImages; features: number }>();

/**
 * The map, drawn again while a run goes on only when its images have doubled (2, 4, 8, … up to
 * LIVE_LIMIT: the PCA costs O(images) per step), and whenever it is not running.
 */
function placedImages(store: EvaluateStore, key: string, running: boolean): PlacedImages {
  const last = drawn.get(store);
  const features = store.features.size;
  // Fewer features than last time: a new run began.
  const reuse =
    running &&
    last?.key === key &&
    last.map.points.length >= 2 &&
    features >= last.features &&
    (features > LIVE_LIMIT || features < 2 * last.features);
  if (reuse) return last.map;
  const map = featureMap(store.records, store.features, key);
  drawn.set(store, { key, map, features });
  return map;
}

export function FeatureMap({ state, store }: { state: EvaluateState; store: EvaluateStore }) {
  const t = useMessages(featureMapText);
  const [selected, setSelected] = useState<number>();
  const section = useRef<HTMLElement>(null);
  const width = Math.min(WIDTH, useElementWidth(section, WIDTH));
  const run = state.run;
  const key = run ? modeKey(run.mode) : undefined;
  const running = state.status === 'running';
  const map = useMemo(
    () => (key ? placedImages(store, key, running) : undefined),
    // recordsVersion: the records and features changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, key, running, state.recordsVersion],
  );
  const geometry = useMemo(() => map && featureMapGeometry(map.points, width, Math.round(width * 0.625)), [map, width]);
  if (!run || !map || !geometry) return null;

  const network = NETWORK_TITLES[featureNetwork(run.mode)];
  const [x, y] = map.explained.map((share) => fixedPercent(share));
  const nameOf = (label: number) => shortName(label);
  const titleOf = (m: MapMark) => t.point(m.point.path, nameOf(m.point.label), nameOf(m.point.predicted), m.wrong);
  const chosen = geometry.marks.find((m) => m.index === selected);
  const body = (() => {
    if (store.features.size === 0 && (state.summary?.evaluated ?? 0) > 0 && !running)
      return <p className="meta">{t.noFeatures}</p>;
    if (map.points.length < 2) return <p className="meta">{t.tooFew}</p>;
    return (
      <>
        <div className="map-frame">
          <FeatureMapChart
            geometry={geometry}
            label={t.label(map.points.length, x, y)}
            titleOf={titleOf}
            selected={selected}
            onSelect={setSelected}
          />
        </div>
        <p className="meta map-axes" data-explained={map.explained.join(' ')}>
          <span>→ {t.axis(1, x)}</span> <span>↑ {t.axis(2, y)}</span>
        </p>
        {geometry.classes.length <= LEGEND_CLASSES ? (
          <ul className="map-legend">
            {geometry.classes.map((c) => (
              <li key={c.label} data-class-index={c.label}>
                <Swatch of={c} /> <span title={IMAGENET_LABELS[c.label]}>{nameOf(c.label)}</span>{' '}
                <span className="meta">{t.classCount(c.images)}</span>
              </li>
            ))}
            <li className="misclassified">
              <Swatch of={NEUTRAL} wrong /> {t.misclassified}
            </li>
          </ul>
        ) : (
          <p className="meta">{t.manyClasses(geometry.classes.length)}</p>
        )}
        <p className="map-selected" role="status">
          {chosen ? (
            <>
              <strong>{t.selected}</strong> <span className="path">{titleOf(chosen)}</span>
            </>
          ) : (
            <span className="meta">{t.hint}</span>
          )}
        </p>
      </>
    );
  })();
  return (
    <section
      ref={section}
      className="feature-map"
      aria-labelledby="feature-map-heading"
      data-points={map.points.length}
    >
      <h2 id="feature-map-heading">{t.heading}</h2>
      <p className="meta">
        {t.intro(network)} {t.limit(FEATURE_MAP_LIMIT)}
      </p>
      {running && store.features.size > LIVE_LIMIT && <p className="meta">{t.frozen(LIVE_LIMIT)}</p>}
      {body}
    </section>
  );
}
