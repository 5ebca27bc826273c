/**
 * Bilinear upsampling of a small map (a CAM is 8×8) to the crop's size, with half-pixel centres: output
 * pixel (x, y) samples the input at ((x + 0.5)·w/W − 0.5, (y + 0.5)·h/H − 0.5), clamped at the borders —
 * the convention of PIL, OpenCV and TensorFlow's `half_pixel_centers`, so an 8×8 cell maps onto the 37.4 px
 * of the photo it summarises. Written out (a dozen lines) because canvas smoothing is not specified to
 * be bilinear and differs between browsers.
 */
export function upsampleBilinear(
  data: ArrayLike<number>,
  width: number,
  height: number,
  outWidth: number,
  outHeight: number,
): Float32Array {
  const out = new Float32Array(outWidth * outHeight);
  const sx = width / outWidth;
  const sy = height / outHeight;
  for (let y = 0; y < outHeight; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, height - 1);
    const wy = fy - y0;
    for (let x = 0; x < outWidth; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, width - 1);
      const wx = fx - x0;
      const top = data[y0 * width + x0] * (1 - wx) + data[y0 * width + x1] * wx;
      const bottom = data[y1 * width + x0] * (1 - wx) + data[y1 * width + x1] * wx;
      out[y * outWidth + x] = top * (1 - wy) + bottom * wy;
    }
  }
  return out;
}
