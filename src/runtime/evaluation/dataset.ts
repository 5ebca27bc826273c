/**
 * A labelled set of images from a list of file paths, in one of the two usual layouts of ImageNet's
 * validation set:
 * - folders: one folder per class named by WordNet ID, `n01440764/ILSVRC2012_val_00000293.JPEG`;
 * - csv: images anywhere plus `LOC_val_solution.csv`, whose rows give each image's WordNet ID.
 * Works on paths only (the browser's dropped folder, the CLI's directory walk), so it is the same code
 * for both. Images that cannot be labelled are left out and listed with why, never silently.
 */
import { LOC_VAL_SOLUTION, parseLocValSolution } from './loc-csv.ts';
import { classOfWnid, WNID_PATTERN } from './synsets.ts';
import { englishFailure, type FailureDetail } from '../failure-words.ts';

export type DatasetLayout = 'folders' | 'csv';

export interface DatasetFile {
  /** Relative path with "/" separators, e.g. "val/n01440764/ILSVRC2012_val_00000293.JPEG". */
  path: string;
}

export interface LabelledImage {
  path: string;
  /** Class index (ImageNet-1k order). */
  label: number;
}

/** Images left out for one reason. */
export interface LeftOut {
  reason: string;
  paths: string[];
}

export interface Dataset {
  layout: DatasetLayout;
  /** In evaluation order: by file name, then path (so ImageNet's validation order in both layouts). */
  images: LabelledImage[];
  leftOut: LeftOut[];
  /** Files that are not images (and not the CSV), ignored. */
  otherFiles: number;
  /** Problems that are not an image's, e.g. lines of the CSV that could not be read. */
  warnings: string[];
  /** Distinct classes among the images. */
  classes: number;
}

export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  constructor(readonly detail: FailureDetail) {
    super(englishFailure(detail));
  }
}

const IMAGE_EXTENSIONS = /\.(jpe?g|png|webp|bmp|gif|avif)$/i;

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** An image file by its name; hidden files (".DS_Store", macOS "._x.JPEG") are not. */
export function isImagePath(path: string): boolean {
  const name = baseName(path);
  return !name.startsWith('.') && IMAGE_EXTENSIONS.test(name);
}

/** The LOC_val_solution.csv among the files (any folder, any letter case), if there is one. */
export function findLocCsv<T extends DatasetFile>(files: readonly T[]): T | undefined {
  return files.find((f) => baseName(f.path).toLowerCase() === LOC_VAL_SOLUTION.toLowerCase());
}

function stem(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

function parentFolder(path: string): string | undefined {
  const parts = path.split('/');
  return parts.length >= 2 ? parts[parts.length - 2] : undefined;
}

/** Evaluation order: file name first (ILSVRC2012_val_00000001 … in both layouts), then the whole path. */
export function compareImagePaths(a: string, b: string): number {
  const byName = baseName(a).localeCompare(baseName(b), 'en');
  return byName !== 0 ? byName : a.localeCompare(b, 'en');
}

/** Images left out, by reason (said in English in `LeftOut`; the failure itself words a whole set left out). */
class LeftOutList {
  private readonly byReason = new Map<string, { detail: FailureDetail; paths: string[] }>();
  add(detail: FailureDetail, path: string): void {
    const reason = englishFailure(detail);
    const entry = this.byReason.get(reason) ?? { detail, paths: [] };
    entry.paths.push(path);
    this.byReason.set(reason, entry);
  }
  list(): LeftOut[] {
    return [...this.byReason].map(([reason, { paths }]) => ({ reason, paths: paths.sort(compareImagePaths) }));
  }
  /** The first `n` reasons, each with how many images it left out. */
  first(n: number): { count: number; reason: FailureDetail }[] {
    return [...this.byReason.values()].slice(0, n).map((e) => ({ count: e.paths.length, reason: e.detail }));
  }
}

/**
 * Labels the images among `files`. With `csvText` (the contents of the LOC_val_solution.csv among them)
 * the csv layout is used, else the folder layout. Throws a DatasetError that says what to do when no
 * image can be labelled.
 */
export function labelDataset(files: readonly DatasetFile[], csvText?: string): Dataset {
  const imagePaths = files.map((f) => f.path).filter(isImagePath);
  const csv = findLocCsv(files);
  const otherFiles = files.length - imagePaths.length - (csv ? 1 : 0);
  if (imagePaths.length === 0) {
    throw new DatasetError({ code: 'dataset.no-images', params: { files: files.length, csv: LOC_VAL_SOLUTION } });
  }
  const leftOut = new LeftOutList();
  const images: LabelledImage[] = [];
  const warnings: string[] = [];
  let layout: DatasetLayout;

  if (csvText !== undefined) {
    layout = 'csv';
    const { byImage, badLines } = parseLocValSolution(csvText, csv?.path ?? LOC_VAL_SOLUTION);
    for (const bad of badLines) warnings.push(`${LOC_VAL_SOLUTION} line ${bad.line}: ${englishFailure(bad.problem)}`);
    for (const path of imagePaths) {
      const wnid = byImage.get(stem(path));
      const label = wnid === undefined ? undefined : classOfWnid(wnid);
      if (wnid === undefined) leftOut.add({ code: 'dataset.not-listed', params: { csv: LOC_VAL_SOLUTION } }, path);
      else if (label === undefined)
        leftOut.add({ code: 'dataset.not-a-class', params: { csv: LOC_VAL_SOLUTION, wnid } }, path);
      else images.push({ path, label });
    }
  } else {
    layout = 'folders';
    for (const path of imagePaths) {
      const folder = parentFolder(path);
      const label = folder === undefined ? undefined : classOfWnid(folder);
      if (label !== undefined) images.push({ path, label });
      else if (folder !== undefined && WNID_PATTERN.test(folder)) {
        leftOut.add({ code: 'dataset.folder-not-a-class', params: { folder } }, path);
      } else {
        leftOut.add({ code: 'dataset.no-class-folder', params: folder ? { folder } : {} }, path);
      }
    }
  }

  if (images.length === 0) {
    throw new DatasetError({
      code: 'dataset.none-labelled',
      params: { images: imagePaths.length, layout, csv: LOC_VAL_SOLUTION, reasons: leftOut.first(3) },
    });
  }
  images.sort((a, b) => compareImagePaths(a.path, b.path));
  return {
    layout,
    images,
    leftOut: leftOut.list(),
    otherFiles,
    warnings,
    classes: new Set(images.map((i) => i.label)).size,
  };
}

/** A fingerprint of the labelled set (layout, paths and labels), to recognise the same set after a reload. */
export async function datasetFingerprint(dataset: Pick<Dataset, 'layout' | 'images'>): Promise<string> {
  const text = [dataset.layout, ...dataset.images.map((i) => `${i.path}\t${i.label}`)].join('\n');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
