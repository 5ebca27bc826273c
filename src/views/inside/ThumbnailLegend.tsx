/** What the thumbnails on the boxes are, in a corner of the diagram; and how the photo's run is going. */
import type { PhotoStatus, RunState } from './inside-store.ts';
import { legendStops } from './colour.ts';

export interface ThumbnailLegendProps {
  photo: PhotoStatus;
  run: RunState | undefined;
  channel?: { node: string; channel: number };
}

function gradient(scheme: 'sequential' | 'diverging'): string {
  return `linear-gradient(to right, ${legendStops(scheme).join(', ')})`;
}

export function ThumbnailLegend({ photo, run, channel }: ThumbnailLegendProps) {
  let status: string | undefined;
  if (photo.status === 'loading') status = 'Reading the photo…';
  else if (run?.status === 'loading') status = 'Running the network on the photo…';
  else if (run?.status === 'waiting-weights') status = 'Waiting for the network’s weights (see the panel)…';
  return (
    <div className="inside-legend" role="note" aria-label="Thumbnails">
      {status && <p className="inside-status" role="status">{status}</p>}
      <p>
        Each box shows its output for the photo: the mean over channels{channel ? ` (the selected box: channel ${channel.channel})` : ''},
        {' '}each thumbnail on its own scale.
      </p>
      <p className="inside-scales">
        <span><i style={{ background: gradient('sequential') }} /> 0 → max</span>
        <span><i style={{ background: gradient('diverging') }} /> − 0 + (signed outputs)</span>
      </p>
    </div>
  );
}
