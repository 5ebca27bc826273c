import { useEffect, useRef, useState } from 'react';
import type { ClassifyOutcome } from '../../runtime/worker/protocol.ts';
import { CropCanvas } from './CropCanvas.tsx';
import { duration, networkTitle } from '../networks/names.ts';
import type { ClassifyStore } from './store.ts';
import { TopPredictions } from '../predictions/TopPredictions.tsx';
import { classifyText, type ClassifySaid } from '../i18n/classify.ts';
import { useMessages } from '../i18n/messages.ts';
import { useSay } from '../i18n/said.ts';

/** Frames per second over the last few seconds of frame completion times. */
export function framesPerSecond(times: readonly number[], windowMs = 3000): number {
  if (times.length < 2) return 0;
  const last = times[times.length - 1];
  const recent = times.filter((t) => last - t <= windowMs);
  const span = last - recent[0];
  return span > 0 ? ((recent.length - 1) * 1000) / span : 0;
}

/**
 * Classifies the camera continuously: each frame is grabbed as an ImageBitmap, transferred to the worker
 * (never uploaded anywhere), and the next frame is taken when the result is back, so the rate adapts to
 * the backend's speed.
 */
export function Webcam({ store, onClose }: { store: ClassifyStore; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const panel = useRef<HTMLElement>(null);
  // The panel opens below the photo picker, often below the fold: bring it into view.
  useEffect(() => {
    const still = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    panel.current?.scrollIntoView?.({ block: 'nearest', behavior: still ? 'auto' : 'smooth' });
  }, []);
  const [outcome, setOutcome] = useState<ClassifyOutcome>();
  const [fps, setFps] = useState(0);
  // Kept as data and worded when shown (the language may change while the camera runs).
  const [error, setError] = useState<ClassifySaid>();
  const t = useMessages(classifyText).camera;
  const say = useSay(classifyText);

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | undefined;
    const times: number[] = [];
    const run = async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { width: { ideal: 640 }, height: { ideal: 480 } },
          audio: false,
        });
      } catch (e) {
        setError({ code: 'camera.notOpened', params: [(e as Error).message || String(e)] });
        return;
      }
      const element = video.current;
      if (stopped || !element) return;
      element.srcObject = stream;
      await element.play().catch(() => undefined);
      while (!stopped) {
        const networks = store.networks.loadedNetworks();
        if (networks.length === 0) {
          setError({ code: 'camera.loadFirst' });
          return;
        }
        if (element.readyState < 2) {
          await new Promise((resolve) => element.addEventListener('loadeddata', resolve, { once: true }));
          continue;
        }
        try {
          const bitmap = await createImageBitmap(element);
          const next = await store.classifyFrame(bitmap, networks);
          if (stopped) {
            next.results.forEach((r) => r.crop.close());
            return;
          }
          setOutcome((previous) => {
            previous?.results.forEach((r) => r.crop.close());
            return next;
          });
          times.push(performance.now());
          if (times.length > 100) times.shift();
          setFps(framesPerSecond(times));
        } catch (e) {
          setError({ code: 'camera.stopped', params: [(e as Error).message] });
          return;
        }
      }
    };
    void run();
    return () => {
      stopped = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [store]);

  return (
    <section className="webcam card" aria-label={t.label} ref={panel}>
      <header>
        <h3>{t.label}</h3>
        <span className="fps" data-fps={fps.toFixed(2)}>
          {fps > 0 ? t.fps(fps.toFixed(1)) : t.starting}
        </span>
        <button type="button" onClick={onClose}>
          {t.stop}
        </button>
      </header>
      {error && (
        <p className="error" role="alert">
          {say(error)}
        </p>
      )}
      <div className="webcam-body">
        <video ref={video} muted playsInline className="webcam-video" />
        {outcome?.results.map((result) => (
          <section key={result.network} className="network-result" data-network={result.network}>
            <h4>{networkTitle(result.network)}</h4>
            <CropCanvas bitmap={result.crop} label={t.asSeen(networkTitle(result.network))} />
            <TopPredictions top={result.top} />
            <p className="timings">{t.inference(duration(result.timings.inferenceMs))}</p>
          </section>
        ))}
      </div>
    </section>
  );
}
