/** Choosing the labelled folder, and what was found in it: images, classes, layout, what was left out. */
import type { ChosenSet } from './evaluate-state.ts';
import { filesFromList, type FolderFile } from './folder-files.ts';
import { evaluateText } from '../i18n/evaluate.ts';
import { useMessages } from '../i18n/messages.ts';
import { useSay } from '../i18n/said.ts';
import type { EvaluateSaid } from '../i18n/evaluate.ts';
import { FileButton } from '../shell/FileButton.tsx';

export interface DatasetPanelProps {
  chosen?: ChosenSet;
  choosing: boolean;
  error?: EvaluateSaid;
  disabled: boolean;
  onFiles: (files: FolderFile[]) => void;
  /** A stored run's folder name, to ask for it again after a reload. */
  wanted?: string;
}

export function DatasetPanel({ chosen, choosing, error, disabled, onFiles, wanted }: DatasetPanelProps) {
  const t = useMessages(evaluateText).dataset;
  const say = useSay(evaluateText);
  const pick = (files: File[]) => onFiles(filesFromList(files));
  return (
    <section className="dataset-panel" aria-label={t.label}>
      <p>
        {t.drop}{' '}
        <FileButton label={t.chooseFolderLabel} folder multiple disabled={disabled} onFiles={pick}>
          {t.chooseFolder}
        </FileButton>{' '}
        {t.or}{' '}
        <FileButton label={t.chooseFilesLabel} accept="image/*,.csv" multiple disabled={disabled} onFiles={pick}>
          {t.chooseFiles}
        </FileButton>
      </p>
      <p className="meta">
        {t.layout[0]}
        {/* i18n-ignore: file names */}
        <code>{'n01440764/ILSVRC2012_val_00000293.JPEG'}</code>
        {t.layout[1]}
        {/* i18n-ignore: file names */}
        <code>{'LOC_val_solution.csv'}</code>
        {t.layout[2]}
      </p>
      {wanted && !chosen && (
        <p className="notice" role="status">
          {t.again(wanted)}
        </p>
      )}
      {choosing && (
        <p className="meta" role="status">
          {t.reading}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {say(error)}
        </p>
      )}
      {chosen && <DatasetSummary chosen={chosen} />}
    </section>
  );
}

function DatasetSummary({ chosen }: { chosen: ChosenSet }) {
  const { dataset, name } = chosen;
  const leftOut = dataset.leftOut.reduce((n, l) => n + l.paths.length, 0);
  const t = useMessages(evaluateText).dataset;
  return (
    <div className="dataset-summary" data-images={dataset.images.length}>
      <p>
        <strong>{name}</strong>
        {t.summary(dataset.images.length, dataset.classes)}
        {dataset.layout === 'csv' ? t.fromCsv : t.perFolder}
        {dataset.otherFiles > 0 ? t.otherFiles(dataset.otherFiles) : ''}
        {leftOut > 0 ? t.leftOut(leftOut) : t.end}
      </p>
      {leftOut > 0 && (
        <ul className="left-out">
          {dataset.leftOut.map((l) => (
            <li key={l.reason}>
              {t.leftOutItem(l.paths.length, l.reason)}
              <span className="paths">
                {' '}
                ({l.paths.slice(0, 3).join(', ')}
                {l.paths.length > 3 ? ', …' : ''})
              </span>
            </li>
          ))}
        </ul>
      )}
      {dataset.warnings.map((w) => (
        <p key={w} className="notice">
          {w}
        </p>
      ))}
    </div>
  );
}
