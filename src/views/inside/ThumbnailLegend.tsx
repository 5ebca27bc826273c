/** What the thumbnails on the boxes are (in the panel), and how the photo's run is going (over the diagram). */
import type { PhotoStatus, RunState } from './inside-store.ts';
import { legendStops } from './colour.ts';

function gradient(scheme: 'sequential' | 'diverging'): string {
  return `linear-gradient(to right, ${legendStops(scheme).join(', ')})`;
}

/** A small status over the diagram while the photo is read or the network runs; nothing otherwise. */
export function RunStatus({ photo, run }: { photo: PhotoStatus; run: RunState | undefined }) {
  let status: string | undefined;
  if (photo.status === 'loading') status = 'Reading the photo…';
  else if (run?.status === 'loading') status = 'Running the network on the photo…';
  else if (run?.status === 'waiting-weights') status = 'Waiting for the network’s weights (see the panel)';
  return status ? <p className="inside-status" role="status">{status}</p> : null;
}

/** The key to the thumbnails: what they show and their colour scales. */
export function ThumbnailKey({ channel }: { channel?: number | undefined }) {
  return (
    <div className="inside-key" role="note" aria-label="Thumbnails">
      <p>
        Each box of the diagram shows its output for the photo: the mean over channels{channel !== undefined ? ` (the selected box: channel ${channel})` : ''},
        {' '}each thumbnail on its own scale.
      </p>
      <p className="inside-scales">
        <span><i style={{ background: gradient('sequential') }} /> 0 → max</span>
        <span><i style={{ background: gradient('diverging') }} /> − 0 + (signed outputs)</span>
      </p>
    </div>
  );
}
