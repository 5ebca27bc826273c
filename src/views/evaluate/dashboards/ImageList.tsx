/**
 * The images a mode evaluated, misclassified first, each with a one-click "Look inside": the image is
 * kept in this browser's photo library (the way the classify page hands a photo over) and the network's
 * view opens with it attached. A stored run restored after a reload has its predictions but not its
 * images (the folder's files live only in the page): the list says so and the buttons wait for the folder.
 */
import { useState } from 'react';
import { useLocation } from 'wouter';
import type { EvaluatedImage } from '../../../runtime/evaluation/image-list.ts';
import { fixedPercent } from '../../format.ts';
import type { ClassifiableNetwork } from '../../../runtime/worker/protocol.ts';
import { networkTitle } from '../../networks/names.ts';
import type { DashboardsMessages } from '../../i18n/en/dashboards.ts';
import { photoLibrary } from '../../photos/library.ts';
import { inferenceNetworkHref } from '../../routes.ts';
import { storageReason } from '../../../model/storage-failure.ts';
import { shortName, Thumbnail } from '../WorstClasses.tsx';

/** How many images are listed at first, and how many more each "Show more" adds. */
export const PAGE = 24;

export function ImageList({
  images,
  network,
  fileAt,
  t,
}: {
  images: readonly EvaluatedImage[];
  network: ClassifiableNetwork;
  fileAt: (path: string) => File | undefined;
  t: DashboardsMessages['images'];
}) {
  const [shown, setShown] = useState(PAGE);
  const [opening, setOpening] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [, navigate] = useLocation();
  const title = networkTitle(network);
  const available = images.some((image) => fileAt(image.path));

  const lookInside = async (file: File, path: string) => {
    setOpening(path);
    setProblem(undefined);
    try {
      const slot = await photoLibrary().add(file, file.name);
      navigate(inferenceNetworkHref(network, { photo: slot }));
    } catch (error) {
      setProblem(t.couldNotKeep(storageReason(error)));
      setOpening(undefined);
    }
  };

  return (
    <>
      <p className="meta">{t.intro}</p>
      {!available && images.length > 0 && (
        <p className="notice evaluated-images-missing" role="note">
          {t.notAvailable}
        </p>
      )}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <ol className="evaluated-images">
        {images.slice(0, shown).map((image) => {
          const file = fileAt(image.path);
          const p = fixedPercent(image.p1, 0);
          return (
            <li key={image.index} data-index={image.index} data-correct={image.correct}>
              <Thumbnail file={file} label={image.path} />
              <div>
                <p className="path">{image.path}</p>
                <p>
                  <strong>{shortName(image.label)}</strong>{' '}
                  <span className={image.correct ? 'right' : 'wrong'}>
                    {image.correct ? t.right(p) : t.takenFor(shortName(image.predicted), p)}
                  </span>
                </p>
                <button
                  type="button"
                  disabled={!file || opening !== undefined}
                  aria-label={t.lookInsideLabel(image.path, title)}
                  onClick={() => file && void lookInside(file, image.path)}
                >
                  {opening === image.path ? t.opening : t.lookInside}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <p className="meta">
        {t.shown(Math.min(shown, images.length), images.length)}{' '}
        {shown < images.length && (
          <button type="button" className="link" onClick={() => setShown(shown + PAGE)}>
            {t.more(Math.min(PAGE, images.length - shown))}
          </button>
        )}
      </p>
    </>
  );
}
