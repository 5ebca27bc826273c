/**
 * "What this channel responds to": feature visualisation of the enlarged channel of the inspector's grid.
 * The worker optimises an image to raise the channel's mean (runtime/inside/feature-visualization.ts),
 * reporting each step; the image is drawn as it forms, Cancel stops it between steps, and a finished image
 * comes back at once the next time (the worker keeps it per weights, node, channel, steps and seed).
 *
 * Not timed by the worker's watchdog: a run takes many inference-lengths on purpose, shows each step as it
 * goes, and can be cancelled; a worker that stops under it fails the call like any other.
 */
import { useEffect, useRef, useState } from 'react';
import { BACKEND_TITLES } from '../../runtime/backends/select.ts';
import {
  VISUALIZE_STEP_CHOICES,
  type ChannelVisualization as Result,
  type RgbaImage,
} from '../../runtime/inside/visualize-protocol.ts';
import { inferenceSession } from '../../runtime/session/app-inference-session.ts';
import type { BackendName, InferenceNetwork } from '../../runtime/worker/protocol.ts';
import { value } from '../format.ts';
import { featvisText } from '../i18n/featvis.ts';
import { useMessages } from '../i18n/messages.ts';
import { useSayFailure } from '../i18n/said.ts';
import { failureDetailOf, type FailureDetail } from '../../runtime/failure-words.ts';

export interface ChannelVisualizationProps {
  network: InferenceNetwork;
  node: string;
  channel: number;
}

type Run =
  | { status: 'idle' }
  | {
      status: 'running';
      step: number;
      steps: number;
      activation?: number;
      msPerStep?: number;
      image?: RgbaImage;
      shownStep?: number;
    }
  | { status: 'done'; result: Result }
  | { status: 'cancelled' }
  | { status: 'error'; message: FailureDetail };

const kindOf = (error: unknown) =>
  error instanceof Error && 'kind' in error ? (error as { kind: string }).kind : undefined;

export function ChannelVisualization({ network, node, channel }: ChannelVisualizationProps) {
  const t = useMessages(featvisText);
  const sayFailure = useSayFailure();
  const [steps, setSteps] = useState<number>(64);
  const [seed, setSeed] = useState(0);
  const [run, setRun] = useState<Run>({ status: 'idle' });
  const controller = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => controller.current?.abort(), []);

  const start = (withSeed: number) => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setSeed(withSeed);
    setRun({ status: 'running', step: 0, steps });
    let total = 0;
    inferenceSession()
      .call((client) =>
        client
          .with({ signal: abort.signal })
          .visualizeChannel({ network, node, channel, steps, seed: withSeed }, (p) => {
            total += p.ms;
            setRun((r) =>
              r.status !== 'running'
                ? r
                : {
                    ...r,
                    step: p.step,
                    steps: p.steps,
                    activation: p.activation,
                    msPerStep: total / p.step,
                    ...(p.image ? { image: p.image, shownStep: p.step } : {}),
                  },
            );
          }),
      )
      .then(
        (result) => {
          if (!abort.signal.aborted) setRun({ status: 'done', result });
        },
        (error: unknown) => {
          if (controller.current !== abort) return;
          setRun(
            kindOf(error) === 'cancelled'
              ? { status: 'cancelled' }
              : { status: 'error', message: failureDetailOf(error) },
          );
        },
      );
  };
  const cancel = () => {
    controller.current?.abort();
    setRun({ status: 'cancelled' });
  };

  const running = run.status === 'running';
  const image = run.status === 'running' ? run.image : run.status === 'done' ? run.result.image : undefined;
  const shown = run.status === 'running' ? (run.shownStep ?? 0) : run.status === 'done' ? run.result.steps : 0;
  const seconds = (ms: number) => (ms / 1000).toFixed(2);
  return (
    <section className="channel-visualization" aria-label={t.heading}>
      <h4>{t.heading}</h4>
      <p className="empty">{t.note}</p>
      <p className="channel-visualization-controls">
        <label>
          {t.steps}{' '}
          <select value={steps} disabled={running} onChange={(e) => setSteps(Number(e.currentTarget.value))}>
            {VISUALIZE_STEP_CHOICES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        {running ? (
          <button type="button" onClick={cancel}>
            {t.cancel}
          </button>
        ) : (
          <button type="button" onClick={() => start(seed)}>
            {t.start(channel)}
          </button>
        )}
        {run.status === 'done' && (
          <button type="button" onClick={() => start(seed + 1)}>
            {t.again}
          </button>
        )}
        <span className="empty">{t.seed(seed)}</span>
      </p>
      {running && (
        <p role="status">
          <progress max={run.steps} value={run.step} />{' '}
          {run.activation === undefined
            ? t.waiting
            : t.progress(run.step, run.steps, value(run.activation), seconds(run.msPerStep ?? 0))}
        </p>
      )}
      {image && (
        <RgbaCanvas image={image} label={t.imageAlt(channel, shown, run.status === 'running' ? run.steps : shown)} />
      )}
      {run.status === 'done' && (
        <p role="status">
          {t.done(
            channel,
            value(run.result.activations[0]),
            value(run.result.final),
            run.result.steps,
            seconds(run.result.msPerStep),
            BACKEND_TITLES[run.result.backend as BackendName] ?? run.result.backend,
          )}
          {run.result.cached && t.cached}
        </p>
      )}
      {run.status === 'cancelled' && <p role="status">{t.cancelled}</p>}
      {run.status === 'error' && (
        <p role="alert" className="inside-problem">
          {t.failed(sayFailure(run.message))}
        </p>
      )}
    </section>
  );
}

function RgbaCanvas({ image, label }: { image: RgbaImage; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
  }, [image]);
  return (
    <canvas
      ref={canvas}
      className="channel-visualization-image"
      width={image.width}
      height={image.height}
      role="img"
      aria-label={label}
    />
  );
}
