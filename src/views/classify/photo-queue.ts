/**
 * Which photos of the classify page go to the worker, and how many at once. A bounded number is in
 * flight (InFlight, the scheduler the evaluation runs its images through), so the worker decodes the
 * next photos while one is inferred and infers those that piled up as one batch; in a multi-crop mode,
 * one at a time (each photo's progress and time left are its own). A photo classified while another
 * network was still loading waits for it (`awaiting`) and is classified by it too once it is ready.
 */
import { InFlight } from '../../runtime/in-flight.ts';
import type { InferenceFailure } from '../../runtime/worker/errors.ts';
import type { ClassifiableNetwork, ClassifyOutcome, InferenceNetwork } from '../../runtime/worker/protocol.ts';
import type { PhotoList } from './photo-list.ts';
import { DEFAULT_CLASSIFY_MODE, isDefaultMode, type ClassifyMode } from './prediction-mode.ts';

/**
 * Photos in flight at once in the 1-crop mode: while the worker infers a batch (of up to 4), the next
 * photos decode and gather into the next batch.
 */
export const PHOTOS_IN_FLIGHT = 4;

export interface PhotoJob {
  id: number;
  name: string;
  /** Undefined when the file is gone. */
  file: File | undefined;
  mode: ClassifyMode;
  networks: InferenceNetwork[];
  /** The networks it awaited that are ready now: it was classified by others, and adds these results. */
  awaited: readonly InferenceNetwork[];
  /** Photos to be classified after it by the same networks, counted when it was taken. */
  behind: number;
}

export interface PhotoQueueContext {
  /** Resolves when the worker may be asked (not while a restarted one is given its networks again). */
  gate(): Promise<void>;
  /** Networks ready to classify. */
  loaded(): InferenceNetwork[];
  /** Released networks loading now. */
  loading(): ClassifiableNetwork[];
  /** The mode for photos classified from now on. */
  mode(): ClassifyMode;
  /** Classifies one photo and settles it, whatever happens (it never rejects). */
  classify(job: PhotoJob): Promise<void>;
}

const isRestart = (error: unknown): error is InferenceFailure =>
  error instanceof Error && 'kind' in error && error.kind === 'restarting';

export class PhotoQueue {
  private readonly lanes: InFlight<PhotoJob>;
  /** Worker failures already told to the photo the worker was on (the oldest in flight). */
  private readonly blamed = new WeakSet<object>();
  /** The mode asked for photos awaiting a network (the photo's own says what one network could do: no ensemble). */
  private readonly asked = new Map<number, ClassifyMode>();

  constructor(
    private readonly photos: PhotoList,
    private readonly context: PhotoQueueContext,
  ) {
    this.lanes = new InFlight({
      limit: () => (isDefaultMode(context.mode()) ? PHOTOS_IN_FLIGHT : 1),
      next: () => this.take(),
      work: (job) => context.classify(job),
    });
  }

  /** Photos were added, or a network became ready: sends what can go now. */
  kick(): void {
    void this.lanes.fill().catch(() => undefined);
  }

  /**
   * After `job` failed with `error`: true when the photo was put back to be classified again. When the
   * worker stops, every photo in flight fails with the same error: the oldest (the one it was working
   * on) says so, the others go again once a new worker is ready.
   */
  putBack(job: PhotoJob, error: unknown): boolean {
    if (!isRestart(error)) return false;
    if (!this.blamed.has(error)) {
      this.blamed.add(error);
      return false;
    }
    const photo = this.photos.get(job.id);
    if (!photo) return true;
    const awaiting = [...(photo.awaiting ?? []), ...job.awaited];
    if (job.awaited.length > 0) this.asked.set(job.id, job.mode);
    this.photos.set(
      job.id,
      job.awaited.length > 0
        ? { status: 'done', awaiting }
        : { status: 'waiting', mode: undefined, progress: undefined },
    );
    return true;
  }

  /** The results of `job` added to those the photo had (in the order of the networks loaded). */
  merged(job: PhotoJob, outcome: ClassifyOutcome): ClassifyOutcome {
    const before = this.photos.get(job.id)?.outcome;
    if (job.awaited.length === 0 || !before) return outcome;
    const order = this.context.loaded();
    const results = [...before.results.filter((r) => !job.networks.includes(r.network)), ...outcome.results];
    return { ...before, results: results.sort((a, b) => order.indexOf(a.network) - order.indexOf(b.network)) };
  }

  /**
   * The next photo to classify, marked as being classified: the oldest waiting, else the oldest awaiting a
   * network now ready.
   */
  private async take(): Promise<PhotoJob | undefined> {
    await this.context.gate();
    const loaded = this.context.loaded();
    if (loaded.length === 0) return undefined;
    const waiting = this.photos.nextWaiting();
    if (waiting) {
      const mode = this.context.mode();
      const awaiting = this.context.loading().filter((n) => !loaded.includes(n));
      this.photos.set(waiting.id, { status: 'classifying', mode, ...(awaiting.length > 0 ? { awaiting } : {}) });
      if (awaiting.length > 0) this.asked.set(waiting.id, mode);
      const file = this.photos.fileOf(waiting.id);
      const behind = this.photos.waitingCount();
      return { id: waiting.id, name: waiting.name, file, mode, networks: loaded, awaited: [], behind };
    }
    const photo = this.photos.nextAwaiting((n) => loaded.includes(n));
    if (!photo) return undefined;
    const mode = this.asked.get(photo.id) ?? photo.mode ?? DEFAULT_CLASSIFY_MODE;
    this.asked.delete(photo.id);
    const awaited = photo.awaiting!.filter((n) => loaded.includes(n));
    const awaiting = photo.awaiting!.filter((n) => !loaded.includes(n));
    // In the 1-crop mode the new network's results are added; a multi-crop prediction (and its ensemble)
    // is made again with every network.
    const networks = isDefaultMode(mode) ? [...awaited] : loaded;
    this.photos.set(photo.id, {
      status: 'classifying',
      error: undefined,
      awaiting: awaiting.length > 0 ? awaiting : undefined,
    });
    const behind = this.photos.awaitingCount((n) => awaited.includes(n));
    return { id: photo.id, name: photo.name, file: this.photos.fileOf(photo.id), mode, networks, awaited, behind };
  }
}
