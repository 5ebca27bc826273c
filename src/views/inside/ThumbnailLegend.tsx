/** What the thumbnails on the boxes are (in the panel), and how the photo's run is going (over the diagram). */
import type { PhotoStatus, RunState } from './inside-store.ts';
import { legendStops } from './colour.ts';
import { insideText } from '../i18n/inside.ts';
import { useMessages } from '../i18n/messages.ts';

function gradient(scheme: 'sequential' | 'diverging'): string {
  return `linear-gradient(to right, ${legendStops(scheme).join(', ')})`; // i18n-ignore: CSS
}

/** A small status over the diagram while the photo is read or the network runs; nothing otherwise. */
export function RunStatus({ photo, run }: { photo: PhotoStatus; run: RunState | undefined }) {
  const t = useMessages(insideText);
  let status: string | undefined;
  if (photo.status === 'loading') status = t.reading;
  else if (run?.status === 'loading') status = t.running;
  else if (run?.status === 'waiting-weights') status = t.waitingWeights;
  return status ? (
    <p className="inside-status" role="status">
      {status}
    </p>
  ) : null;
}

/** The key to the thumbnails: what they show and their colour scales. */
export function ThumbnailKey({ channel }: { channel?: number | undefined }) {
  const t = useMessages(insideText);
  return (
    <div className="inside-key" role="note" aria-label={t.thumbnails}>
      <p>{t.thumbnailsKey(channel)}</p>
      <p className="inside-scales">
        <span>
          <i style={{ background: gradient('sequential') }} /> {t.zeroToMax}
        </span>
        <span>
          <i style={{ background: gradient('diverging') }} /> {t.signed}
        </span>
      </p>
    </div>
  );
}
