/**
 * The lab: small Inception and Inception-ResNet networks trained side by side in this browser (in a
 * worker of their own), their training loss, held-out error and §3.3 monitor drawn live, runs kept in
 * IndexedDB and compared, trained networks exported. Its own lazily loaded chunk; the settings live in
 * the URL (url-settings.ts).
 */
import { useCallback, useEffect, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { residualGroups } from '../../model/analysis/residual-groups.ts';
import { dateTime } from '../format.ts';
import { learnText } from '../i18n/learn.ts';
import { HTML_LANG } from '../i18n/locale.ts';
import { useMessages } from '../i18n/messages.ts';
import { useLocale } from '../i18n/useLocale.ts';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import { networkColours, type Overlay } from './chart-series.ts';
import type { RunView } from './learn-state.ts';
import type { LearnStore } from './learn-store.ts';
import type { ChosenFiles } from './race-data.ts';
import { LearnCharts } from './LearnCharts.tsx';
import { runTitles } from './names.ts';
import { raceOutcome } from './outcome.ts';
import { OutcomePanel } from './OutcomePanel.tsx';
import { PresetPanel } from './PresetPanel.tsx';
import { presetOf, presetSettings, questionOf } from './presets.ts';
import { RunList } from './RunList.tsx';
import { RunPanel, type TrainedDestination } from './RunPanel.tsx';
import { openTrainedNetwork } from './open-trained.ts';
import { networkSeries, type NetworkSeries } from './series.ts';
import { SettingNotices } from './SettingNotices.tsx';
import { SettingsForm } from './SettingsForm.tsx';
import { trainingImages, type LabSettings, type RaceChoice } from './settings.ts';
import { readSettings, settingsSearch } from './url-settings.ts';
import { useFileDrop } from './useFileDrop.ts';
import { useLearn } from './useLearn.ts';
import './learn.css';

function download(bytes: ArrayBuffer, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A run's series, in its networks' order, with the steps per epoch its settings imply. */
function seriesOf(view: RunView | undefined): NetworkSeries[] {
  if (!view) return [];
  const settings = view.stored.settings;
  const images = trainingImages(settings);
  return networkSeries(view.records, {
    order: view.stored.networks,
    batch: settings.batch,
    ...(images ? { stepsEstimate: Math.ceil(images / settings.batch) } : {}),
  });
}

/** Titles of the residual groups of a run's networks, by address (none where they cannot be built). */
function groupTitles(store: LearnStore, settings: LabSettings | undefined): Record<string, string> {
  if (!settings) return {};
  try {
    const entries = store.definitions(settings.networks, settings.scale);
    const groups = entries.flatMap((e) => residualGroups(analyzeNetwork(e.network)));
    return Object.fromEntries(groups.map((g) => [g.address, g.title]));
  } catch {
    return {};
  }
}

export function LearnPage() {
  const words = useMessages(learnText);
  useDocumentTitle(words.title);
  const [state, store] = useLearn();
  const search = useSearch();
  const [path, navigate] = useLocation();
  const { settings, notices } = useMemo(() => readSettings(search), [search]);
  const setSettings = useCallback(
    (next: LabSettings) => {
      const query = settingsSearch(next);
      navigate(query ? `${path}?${query}` : path, { replace: true });
    },
    [navigate, path],
  );
  const racing = state.racing;
  const onFiles = useCallback(
    (files: ChosenFiles) => {
      store.chooseFiles(files);
      if (settings.data !== files.kind) setSettings({ ...settings, data: files.kind });
    },
    [store, settings, setSettings],
  );
  const dragging = useFileDrop(!racing, onFiles);
  const { locale } = useLocale();
  const date = useCallback((ms: number) => dateTime(ms, HTML_LANG[locale]), [locale]);

  const figuresOf = useCallback(
    (choice: RaceChoice, scale: number | undefined) => {
      const [entry] = store.definitions([choice], scale);
      const { params, macs } = analyzeNetwork(entry.network);
      return { params, macs };
    },
    [store],
  );

  const { run, compare } = state;
  const shownSeries = useMemo(() => seriesOf(run), [run]);
  const comparedSeries = useMemo(() => seriesOf(compare), [compare]);
  const overlays: Overlay[] = [
    ...(run ? [{ runId: run.stored.runId, series: shownSeries, dashed: false }] : []),
    ...(compare ? [{ runId: compare.stored.runId, series: comparedSeries, dashed: true }] : []),
  ];
  const titles = { ...runTitles(compare?.stored, words), ...runTitles(run?.stored, words) };
  const shownSettings = run?.stored.settings;
  const comparedSettings = compare?.stored.settings;
  const groups = useMemo(
    () => ({ ...groupTitles(store, comparedSettings), ...groupTitles(store, shownSettings) }),
    [store, shownSettings, comparedSettings],
  );
  const phase = run?.status?.phase ?? run?.stored.phase;
  const over = phase === 'finished' || phase === 'stopped' || phase === 'failed';
  const outcome =
    run && shownSeries.some((s) => s.epochs > 0)
      ? raceOutcome(shownSeries, questionOf(run.stored.settings), over)
      : undefined;

  useEffect(() => {
    if (state.storageNotice?.kind === 'not-persistent') return;
    // Writes still under way are finished before the page goes (a reload resumes from them).
    const flush = () => void store.settled();
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [store, state.storageNotice]);

  const exportWeights = async (network: string) => {
    const bytes = await store.exportWeights(network);
    if (bytes) download(bytes, `${network}.safetensors`);
  };
  const openTrained = async (network: string, where: TrainedDestination) => {
    const bytes = await store.exportWeights(network);
    if (!bytes) return;
    const testError = shownSeries.find((s) => s.network === network)?.testError.at(-1)?.value;
    navigate(await openTrainedNetwork(bytes, `${network}.safetensors`, testError, where));
  };

  return (
    <div className={`page learn${dragging ? ' dragging' : ''}`}>
      <h1>{words.title}</h1>
      <p className="lede">{words.lede}</p>
      {notices.length > 0 && <SettingNotices notices={notices} onDismiss={() => setSettings(settings)} />}
      <PresetPanel
        current={presetOf(settings)}
        disabled={racing}
        onUse={(preset) => setSettings(presetSettings(preset, settings))}
      />

      <h2>{words.settings.heading}</h2>
      <SettingsForm
        settings={settings}
        onChange={setSettings}
        disabled={racing}
        files={state.files}
        onFiles={(files) => store.chooseFiles(files)}
        figuresOf={figuresOf}
      />

      <h2>{words.run.heading}</h2>
      <RunPanel
        state={state}
        racing={racing}
        series={shownSeries}
        titles={titles}
        colours={networkColours(overlays)}
        onStart={() => void store.start(settings)}
        onPause={() => void store.pause()}
        onResume={() => void store.resume()}
        onStop={() => void store.stop()}
        onExport={(network) => void exportWeights(network)}
        onOpen={(network, where) => void openTrained(network, where)}
      />

      {outcome && <OutcomePanel outcome={outcome} titles={titles} />}

      <LearnCharts
        overlays={overlays}
        titles={titles}
        epochs={run?.stored.settings.epochs ?? settings.epochs}
        groupTitles={groups}
        {...(compare ? { comparedDate: date(compare.stored.startedAt) } : {})}
      />

      <h2>{words.runs.heading}</h2>
      <RunList
        runs={state.runs}
        shownId={run?.stored.runId}
        comparedId={compare?.stored.runId}
        liveId={state.liveRunId}
        date={date}
        onOpen={(id) => void store.open(id)}
        onCompare={(id) => void store.compareWith(id)}
        onRemove={(id) => void store.remove(id)}
      />
    </div>
  );
}

export default LearnPage;
