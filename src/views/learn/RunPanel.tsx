/**
 * Start, pause, resume, stop; what the race is doing (phase, backend, data loading, a failure); then one
 * row per network: epochs done, images/s, time left, the latest held-out error, and its state — a network
 * that stopped early says why while the others go on — with its export.
 */
import type { LearnMessages } from '../i18n/en/learn.ts';
import { learnText } from '../i18n/learn.ts';
import { trainedText } from '../i18n/trained.ts';
import { useMessages } from '../i18n/messages.ts';
import { useSayFailure } from '../i18n/said.ts';
import type { FailureDetail } from '../../runtime/failure-words.ts';
import { ACTIVE, interrupted, type LearnProblem, type LearnState, type StorageNotice } from './learn-state.ts';
import { timeLeftMs, type NetworkSeries } from './series.ts';
import { describeStorageFailure } from '../../model/storage-failure.ts';

export interface RunPanelProps {
  state: LearnState;
  /** Another race holds the worker: none can start. */
  racing: boolean;
  series: readonly NetworkSeries[];
  titles: Readonly<Record<string, string>>;
  colours: ReadonlyMap<string, number>;
  onStart: () => void;
  onPause: () => void;
  onResume: () => void;
  onStop: () => void;
  onExport: (network: string) => void;
  /** Opens the trained network (no export step): in the explorer, on the classify page, or inside with a photo. */
  onOpen: (network: string, where: TrainedDestination) => void;
}

function problemText(problem: LearnProblem, t: LearnMessages['run'], word: (failure: FailureDetail) => string): string {
  switch (problem.kind) {
    case 'networks':
      return t.problems.networks(word(problem.failure));
    case 'files':
      return t.problems.files(problem.dataKind === 'cifar10-files', problem.name);
    case 'no-snapshot':
      return t.problems.noSnapshot;
    case 'worker':
      return t.problems.worker(word(problem.failure));
  }
}

const storageText = (notice: StorageNotice, t: LearnMessages['run']) =>
  notice.kind === 'not-persistent' ? t.notPersistent : t.writeFailed(describeStorageFailure(notice.failure, t.storage));

function stateText(s: NetworkSeries, t: LearnMessages['run']): string {
  if (!s.stopped) return s.step > 0 ? t.racing : t.waiting;
  const reason = s.stopped.reason;
  const said = t.stopped[reason](s.epochs);
  return reason === 'failed' && s.stopped.detail ? `${said} ${s.stopped.detail}` : said;
}

export function RunPanel({
  state,
  racing,
  series,
  titles,
  colours,
  onStart,
  onPause,
  onResume,
  onStop,
  onExport,
  onOpen,
}: RunPanelProps) {
  const t = useMessages(learnText).run;
  const sayFailure = useSayFailure();
  const duration = useMessages(learnText).duration;
  const percent = useMessages(learnText).charts.percent;
  const run = state.run;
  const phase = run?.status?.phase ?? run?.stored.phase;
  const cutShort = interrupted(run, state.live);
  const active = state.live && ACTIVE.has(phase ?? '');
  const epochs = run?.stored.settings.epochs ?? 0;
  const failure = run?.status?.failure ?? run?.stored.failure;
  return (
    <section className="learn-run" aria-label={t.heading} data-phase={phase ?? 'none'}>
      <div className="actions">
        {!racing && (
          <button type="button" className={cutShort ? undefined : 'button-primary'} onClick={onStart}>
            {run ? t.startNew : t.start}
          </button>
        )}
        {active && phase === 'training' && (
          <button type="button" onClick={onPause}>
            {t.pause}
          </button>
        )}
        {((active && phase === 'paused') || cutShort) && (
          <button type="button" className="button-primary" onClick={onResume}>
            {cutShort && run?.stored.snapshotEpoch ? t.resumeFrom(run.stored.snapshotEpoch) : t.resume}
          </button>
        )}
        {(active || cutShort) && (
          <button type="button" onClick={onStop}>
            {t.stop}
          </button>
        )}
      </div>
      {run && phase && (
        <p className="learn-status" role="status">
          <strong>{t.phase[phase]}</strong>
          {run.status?.backend || run.stored.backend ? t.onBackend(run.status?.backend ?? run.stored.backend!) : ''}
          {cutShort ? ` ${t.interrupted}` : ''}
          {run.status?.backendNotice ? ` ${run.status.backendNotice}` : ''}
        </p>
      )}
      {phase === 'loading-data' && state.live && run?.status?.dataProgress !== undefined && (
        <progress max={1} value={run.status.dataProgress} aria-label={t.dataLoading} />
      )}
      {phase === 'failed' && (
        <p className="error" role="alert">
          {failure ? t.failed(typeof failure === 'string' ? failure : sayFailure(failure)) : t.workerGone}
        </p>
      )}
      {state.problem && (
        <p className="error" role="alert">
          {problemText(state.problem, t, sayFailure)}
        </p>
      )}
      {state.storageNotice && (
        <p className="notice" role="status">
          {storageText(state.storageNotice, t)}
        </p>
      )}
      {series.length > 0 && (
        <div className="table-scroll" role="region" aria-label={t.table} tabIndex={0}>
          <table className="data-table learn-networks">
            <thead>
              <tr>
                <th scope="col">{t.network}</th>
                <th scope="col" className="num">
                  {t.epoch}
                </th>
                <th scope="col" className="num">
                  {t.speed}
                </th>
                <th scope="col" className="num">
                  {t.left}
                </th>
                <th scope="col" className="num">
                  {t.error}
                </th>
                <th scope="col">{t.state}</th>
                {state.live && <th scope="col">{t.export}</th>}
              </tr>
            </thead>
            <tbody>
              {series.map((s) => {
                const left = active ? timeLeftMs(s, epochs) : undefined;
                const error = s.testError.at(-1)?.value;
                const title = titles[s.network] ?? s.network;
                return (
                  <tr key={s.network} data-network={s.network} data-stopped={s.stopped?.reason}>
                    <th scope="row">
                      <i className={`swatch series-${colours.get(s.network) ?? 0}`} />
                      {title}
                    </th>
                    <td className="num">{t.epochOf(s.epochs, epochs)}</td>
                    <td className="num">{s.imagesPerSecond !== undefined ? s.imagesPerSecond.toFixed(0) : '–'}</td>
                    <td className="num">{left !== undefined ? duration(left) : '–'}</td>
                    <td className="num">{error !== undefined && Number.isFinite(error) ? percent(error) : '–'}</td>
                    <td className={s.stopped && s.stopped.reason !== 'finished' ? 'stopped' : undefined}>
                      {stateText(s, t)}
                    </td>
                    {state.live && (
                      <td>
                        <button
                          type="button"
                          className="quiet"
                          disabled={state.exporting !== undefined || s.step === 0}
                          aria-label={t.exportLabel(title)}
                          onClick={() => onExport(s.network)}
                        >
                          {t.export}
                        </button>
                        <TrainedLinks
                          title={title}
                          disabled={state.exporting !== undefined || s.step === 0}
                          onOpen={(where) => onOpen(s.network, where)}
                        />
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {run && !state.live && <p className="meta">{t.exportNote}</p>}
    </section>
  );
}

/** Where a trained network of the race opens: the explorer, the classify page, looking inside with a photo. */
export type TrainedDestination = 'explore' | 'classify' | 'inside';

function TrainedLinks({
  title,
  disabled,
  onOpen,
}: {
  title: string;
  disabled: boolean;
  onOpen: (where: TrainedDestination) => void;
}) {
  const t = useMessages(trainedText);
  return (
    <>
      <button
        type="button"
        className="quiet"
        disabled={disabled}
        aria-label={t.exploreLabel(title)}
        onClick={() => onOpen('explore')}
      >
        {t.explore}
      </button>
      <button
        type="button"
        className="quiet"
        disabled={disabled}
        aria-label={t.classifyLabel(title)}
        onClick={() => onOpen('classify')}
      >
        {t.classify}
      </button>
      <button
        type="button"
        className="quiet"
        disabled={disabled}
        aria-label={t.lookInsideLabel(title)}
        onClick={() => onOpen('inside')}
      >
        {t.lookInside}
      </button>
    </>
  );
}
