/**
 * The trained networks opened in this browser (a file picked or dropped, or a network of the lab),
 * kept in IndexedDB so that /trained/<id>, the classify page and look inside find them after a reload.
 * A network's id is the first 16 hex digits of its file's SHA-256: opening the same file again finds the
 * same entry. The header (definition, classes, training record) is read here, without TensorFlow.js
 * (model/trained.ts); the weights are read and checked by the inference worker when it loads the file.
 */
import { readTrainedHeader, trainedHeaderLength, type TrainedHeader } from '../../model/trained.ts';
import { KeptRecords, type Listing } from '../kept-records.ts';

export interface TrainedEntry {
  /** 16 hex digits of the file's SHA-256. */
  id: string;
  fileName: string;
  /** When it was opened (ms since the epoch). */
  added: number;
  header: Omit<TrainedHeader, 'headerBytes'>;
  /** Held-out error after its last epoch (0–1), where known (the file's record or the lab's run). */
  testError?: number;
  /** The file itself (its tensors are what the worker loads). */
  blob: Blob;
}

export type TrainedListing = Listing<TrainedEntry>;

export interface OpenOptions {
  /** The held-out error, when the file's record lacks it (the lab knows it from the run's records). */
  testError?: number;
}

/** The file's id: the first 16 hex digits of its SHA-256. */
export async function trainedFileHash(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
  return Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

export class TrainedLibrary {
  constructor(private readonly records: KeptRecords<TrainedEntry>) {}

  static open(name = 'inception-explorer-trained'): TrainedLibrary {
    return new TrainedLibrary(KeptRecords.open(name, 'networks'));
  }

  /** Whether opened networks survive a reload. */
  get persistent(): boolean {
    return this.records.persistent;
  }

  /**
   * Reads the file's header and keeps the file; resolves with its entry. Throws `TrainedHeaderError`
   * naming the file and what is wrong (not safetensors, truncated, not a trained network, damaged).
   */
  async open(file: Blob, fileName: string, options: OpenOptions = {}): Promise<TrainedEntry> {
    const first8 = new Uint8Array(await file.slice(0, 8).arrayBuffer());
    const length = trainedHeaderLength(first8, fileName);
    const header = readTrainedHeader(new Uint8Array(await file.slice(0, 8 + length).arrayBuffer()), fileName);
    const id = await trainedFileHash(await file.arrayBuffer());
    const known = await this.records.get(id);
    const testError = header.training.testError ?? options.testError ?? known?.testError;
    const entry: TrainedEntry = {
      id,
      fileName,
      added: this.records.addedTime(await this.records.all()),
      header: { network: header.network, classes: header.classes, training: header.training },
      ...(testError === undefined ? {} : { testError }),
      blob: file,
    };
    await this.records.set(id, entry);
    this.records.changed();
    return entry;
  }

  get(id: string): Promise<TrainedEntry | undefined> {
    return this.records.get(id);
  }

  /** Newest first, without the file. */
  list(): Promise<TrainedListing[]> {
    return this.records.list();
  }

  async forget(id: string): Promise<void> {
    await this.records.delete(id);
    this.records.changed();
  }

  /** Calls `listener` after networks are opened or forgotten; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    return this.records.subscribe(listener);
  }
}

let shared: TrainedLibrary | undefined;

/** The app's one library of trained networks. */
export function trainedLibrary(): TrainedLibrary {
  shared ??= TrainedLibrary.open();
  return shared;
}
