import { useEffect, useRef } from 'react';

/** Draws an ImageBitmap (the crop the network saw, made in the worker) at its own size. */
export function CropCanvas({ bitmap, label }: { bitmap: ImageBitmap; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context || bitmap.width === 0) return;
    context.drawImage(bitmap, 0, 0);
  }, [bitmap]);
  return (
    <canvas ref={canvas} className="crop" width={bitmap.width} height={bitmap.height} role="img" aria-label={label} />
  );
}
