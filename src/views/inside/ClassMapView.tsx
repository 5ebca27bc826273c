/**
 * Where the network looks: the crop it saw with a class's activation map laid over it, upsampled
 * bilinearly, with an opacity slider. For the CAM, the identity that makes it exact is shown:
 * mean(CAM) + b = logit.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ClassMap } from '../../runtime/inside/protocol.ts';
import { BACKEND_TITLES } from '../../runtime/backends/select.ts';
import { heatOverlay } from './colour.ts';
import { upsampleBilinear } from './upsample.ts';

export interface ClassMapViewProps {
  crop: ImageBitmap;
  maps: readonly ClassMap[];
  /** Where the map is over, for the caption ("the final 8×8 feature map", "1×7 conv, 160"). */
  where: string;
}

/** Enough digits for the identity mean + bias = logit to be read off. */
const precise = (v: number) => Number(v.toPrecision(6)).toString();

function mean(data: Float32Array): number {
  let sum = 0;
  for (const v of data) sum += v;
  return sum / data.length;
}

export function ClassMapView({ crop, maps, where }: ClassMapViewProps) {
  const [chosen, setChosen] = useState(0);
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
  return (
    <figure className="class-map" data-method={map.method}>
      <div className="class-tabs" role="group" aria-label="Class">
        {maps.map((c, i) => (
          <button key={c.classIndex} type="button" aria-pressed={i === chosen} onClick={() => setChosen(i)} title={c.label}>
            {c.label.split(', ')[0]}
          </button>
        ))}
      </div>
      <div className="class-map-image" style={{ aspectRatio: '1' }}>
        <canvas ref={photo} width={size} height={size} role="img" aria-label="The crop the network saw" />
        <canvas ref={heat} width={size} height={size} role="img"
          aria-label={`${map.method === 'cam' ? 'Class activation map' : 'Grad-CAM'} of “${map.label}”, ${map.map.height}×${map.map.width}, upsampled`} />
      </div>
      <label htmlFor={sliderId} className="opacity">Overlay opacity
        <input id={sliderId} type="range" min={0} max={1} step={0.05} value={opacity} onChange={(e) => setOpacity(Number(e.currentTarget.value))} />
      </label>
      <figcaption>
        {map.method === 'cam'
          ? <>CAM of “{map.label}” on {where} ({map.map.height}×{map.map.width}): mean {precise(m)} + bias {precise(map.bias ?? 0)} = logit {precise(map.logit)}.</>
          : <>Grad-CAM of “{map.label}” at {where} ({map.map.height}×{map.map.width}).</>}
        <span className="detail"> Computed on {BACKEND_TITLES[map.backend]} in {Math.round(map.ms)} ms.{map.notice ? ` ${map.notice}` : ''}</span>
      </figcaption>
    </figure>
  );
}
