/**
 * Where the network looks: the crop it saw with a class's activation map laid over it, upsampled
 * bilinearly, with an opacity slider. For the CAM, the identity that makes it exact is shown:
 * mean(CAM) + b = logit.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ClassMap } from '../../runtime/inside/protocol.ts';
import { BACKEND_TITLES } from '../../runtime/backends/select.ts';
import { value } from '../format.ts';
import { heatOverlay } from './colour.ts';
import { upsampleBilinear } from './upsample.ts';
import { insideText } from '../i18n/inside.ts';
import { useMessages } from '../i18n/messages.ts';

export interface ClassMapViewProps {
  crop: ImageBitmap;
  maps: readonly ClassMap[];
  /** Where the map is over, for the caption ("the final 8×8 feature map", "1×7 conv, 160"). */
  where: string;
}

function mean(data: Float32Array): number {
  let sum = 0;
  for (const v of data) sum += v;
  return sum / data.length;
}

export function ClassMapView({ crop, maps, where }: ClassMapViewProps) {
  const [chosen, setChosen] = useState(0);
  const tr = useMessages(insideText);
  const [opacity, setOpacity] = useState(0.6);
  const photo = useRef<HTMLCanvasElement>(null);
  const heat = useRef<HTMLCanvasElement>(null);
  const sliderId = useId();
  const map = maps[Math.min(chosen, maps.length - 1)];
  const size = crop.width;

  useEffect(() => {
    photo.current?.getContext('2d')?.drawImage(crop, 0, 0);
  }, [crop]);
  useEffect(() => {
    const context = heat.current?.getContext('2d');
    if (!context || !map) return;
    const big = upsampleBilinear(map.map.data, map.map.width, map.map.height, size, size);
    context.putImageData(new ImageData(heatOverlay(big, opacity), size, size), 0, 0);
  }, [map, opacity, size]);

  if (!map) return null;
  const m = mean(map.map.data);
  const t = tr.classMap;
  return (
    <figure className="class-map" data-method={map.method}>
      <div className="class-tabs" role="group" aria-label={t.classes}>
        {maps.map((c, i) => (
          <button
            key={c.classIndex}
            type="button"
            aria-pressed={i === chosen}
            onClick={() => setChosen(i)}
            title={c.label}
          >
            {c.label.split(', ')[0]}
          </button>
        ))}
      </div>
      <div className="class-map-image" style={{ aspectRatio: '1' }}>
        <canvas ref={photo} width={size} height={size} role="img" aria-label={t.crop} />
        <canvas
          ref={heat}
          width={size}
          height={size}
          role="img"
          aria-label={t.heatLabel(map.method === 'cam', map.label, map.map.height, map.map.width)}
        />
      </div>
      <label htmlFor={sliderId} className="opacity">
        {t.opacity}
        <input
          id={sliderId}
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={opacity}
          onChange={(e) => setOpacity(Number(e.currentTarget.value))}
        />
      </label>
      <figcaption>
        {map.method === 'cam'
          ? t.cam(map.label, where, map.map.height, map.map.width, value(m), value(map.bias ?? 0), value(map.logit))
          : t.gradCam(map.label, where, map.map.height, map.map.width)}
        <span className="detail">
          {t.computed(BACKEND_TITLES[map.backend], Math.round(map.ms))}
          {map.notice ? ` ${map.notice}` : ''}
        </span>
      </figcaption>
    </figure>
  );
}
