/** The classes with the highest top-1 error in a mode, what they were taken for, and example thumbnails. */
import { useEffect, useRef } from 'react';
import { IMAGENET_LABELS } from '../../runtime/labels.ts';
import { fixedPercent } from '../format.ts';
import type { ClassConfusion } from '../../runtime/evaluation/records.ts';
import { wnidOfClass } from '../../runtime/evaluation/synsets.ts';
import { evaluateText } from '../i18n/evaluate.ts';
import { useMessages } from '../i18n/messages.ts';

export const shortName = (index: number) => (IMAGENET_LABELS[index] ?? `class ${index}`).split(', ')[0]; // i18n-ignore: ImageNet's class names are English

/** A photo of the chosen folder as a small image (an object URL of the local file: nothing is uploaded). */
export function Thumbnail({ file, label }: { file: File | undefined; label: string }) {
  const image = useRef<HTMLImageElement>(null);
  const t = useMessages(evaluateText).worst;
  useEffect(() => {
    if (!file || !image.current) return undefined;
    const url = URL.createObjectURL(file);
    image.current.src = url;
    return () => URL.revokeObjectURL(url);
  }, [file]);
  return file ? (
    <img ref={image} className="thumbnail" alt={label} width={72} height={72} decoding="async" />
  ) : (
    <span className="thumbnail missing" title={t.missing(label)} aria-label={label} role="img" />
  );
}

export function WorstClasses({
  classes,
  fileAt,
}: {
  classes: readonly ClassConfusion[];
  fileAt: (path: string) => File | undefined;
}) {
  const t = useMessages(evaluateText).worst;
  if (classes.length === 0) return <p className="meta">{t.none}</p>;
  return (
    <ol className="worst-classes">
      {classes.map((c) => (
        <li key={c.label} data-class-index={c.label}>
          <p>
            <strong title={IMAGENET_LABELS[c.label]}>{shortName(c.label)}</strong>{' '}
            <span className="meta">{wnidOfClass(c.label)}</span>: {t.wrong(c.errors, c.images, fixedPercent(c.rate, 0))}
            {c.confusions.slice(0, 3).map((x, i) => (
              <span key={x.predicted}>
                {i > 0 ? ', ' : ''}
                <span title={IMAGENET_LABELS[x.predicted]}>{shortName(x.predicted)}</span> ×{x.count}
              </span>
            ))}
            {c.confusions.length > 3 ? ', …' : ''}
          </p>
          <div className="examples">
            {c.examples.map((e) => (
              <figure key={e.index}>
                <Thumbnail file={fileAt(e.path)} label={t.takenFor(e.path, shortName(e.predicted))} />
                <figcaption>→ {shortName(e.predicted)}</figcaption>
              </figure>
            ))}
          </div>
        </li>
      ))}
    </ol>
  );
}
