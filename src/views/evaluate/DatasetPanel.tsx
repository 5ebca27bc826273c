/** Choosing the labelled folder, and what was found in it: images, classes, layout, what was left out. */
import { useId } from 'react';
import type { ChosenSet } from './evaluate-store.ts';
import { filesFromList, type FolderFile } from './folder-files.ts';

export interface DatasetPanelProps {
  chosen?: ChosenSet;
  choosing: boolean;
  error?: string;
  disabled: boolean;
  onFiles: (files: FolderFile[]) => void;
  /** A stored run's folder name, to ask for it again after a reload. */
  wanted?: string;
}

export function DatasetPanel({ chosen, choosing, error, disabled, onFiles, wanted }: DatasetPanelProps) {
  const folderInput = useId();
  const filesInput = useId();
  const pick = (files: FileList | null) => files && files.length > 0 && onFiles(filesFromList(files));
  return (
    <section className="dataset-panel" aria-label="Labelled images">
      <p>
        Drop a folder here, or{' '}
        <label className={`button${disabled ? ' disabled' : ''}`} htmlFor={folderInput}>choose a folder…</label>
        <input id={folderInput} className="visually-hidden" type="file" disabled={disabled} aria-label="Choose a folder of labelled images"
          {...{ webkitdirectory: '', directory: '' }} multiple onChange={(e) => { pick(e.currentTarget.files); e.currentTarget.value = ''; }} />{' '}
        or{' '}
        <label className={`button${disabled ? ' disabled' : ''}`} htmlFor={filesInput}>choose images and LOC_val_solution.csv…</label>
        <input id={filesInput} className="visually-hidden" type="file" disabled={disabled} aria-label="Choose images and LOC_val_solution.csv"
          multiple accept="image/*,.csv" onChange={(e) => { pick(e.currentTarget.files); e.currentTarget.value = ''; }} />
      </p>
      <p className="meta">
        One folder per class named by WordNet ID (<code>n01440764/ILSVRC2012_val_00000293.JPEG</code>, as ImageNet’s validation
        set), or images with <code>LOC_val_solution.csv</code>. The images are read here, in this browser, one at a time; none is uploaded.
      </p>
      {wanted && !chosen && <p className="notice" role="status">Choose the folder “{wanted}” again to resume the stored run.</p>}
      {choosing && <p className="meta" role="status">Reading the folder…</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {chosen && <DatasetSummary chosen={chosen} />}
    </section>
  );
}

function DatasetSummary({ chosen }: { chosen: ChosenSet }) {
  const { dataset, name } = chosen;
  const leftOut = dataset.leftOut.reduce((n, l) => n + l.paths.length, 0);
  return (
    <div className="dataset-summary" data-images={dataset.images.length}>
      <p>
        <strong>{name}</strong>: {dataset.images.length} labelled image{dataset.images.length === 1 ? '' : 's'} of {dataset.classes} class{dataset.classes === 1 ? '' : 'es'}
        {' '}({dataset.layout === 'csv' ? 'labels from LOC_val_solution.csv' : 'one folder per class'})
        {dataset.otherFiles > 0 ? `; ${dataset.otherFiles} other file${dataset.otherFiles === 1 ? '' : 's'} ignored` : ''}
        {leftOut > 0 ? `; ${leftOut} left out:` : '.'}
      </p>
      {leftOut > 0 && (
        <ul className="left-out">
          {dataset.leftOut.map((l) => (
            <li key={l.reason}>
              {l.paths.length} image{l.paths.length === 1 ? '' : 's'}: {l.reason}
              <span className="paths"> ({l.paths.slice(0, 3).join(', ')}{l.paths.length > 3 ? ', …' : ''})</span>
            </li>
          ))}
        </ul>
      )}
      {dataset.warnings.map((w) => <p key={w} className="notice">{w}</p>)}
    </div>
  );
}
