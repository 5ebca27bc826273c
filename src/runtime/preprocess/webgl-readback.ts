/**
 * Reads an `ImageBitmap` (created with `premultiplyAlpha: 'none'`) back as unpremultiplied RGBA through
 * WebGL: the texture upload keeps the stored colour of transparent pixels, which a 2D canvas can't
 * (it premultiplies, so fully transparent pixels come back black and others lose precision).
 */

type GL = WebGLRenderingContext | WebGL2RenderingContext;

function createGl(width: number, height: number): GL | null {
  const options: WebGLContextAttributes = { premultipliedAlpha: false, antialias: false, depth: false, stencil: false };
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    return (canvas.getContext('webgl2', options) ?? canvas.getContext('webgl', options)) as GL | null;
  }
  if (typeof document === 'undefined') return null;
  const canvas = document.createElement('canvas');
  return canvas.getContext('webgl2', options) ?? canvas.getContext('webgl', options);
}

/**
 * True when `exact` is consistent with what the 2D canvas returned: same alpha everywhere, same colour
 * where opaque, and the same premultiplied colour (to rounding) elsewhere. Guards against a broken
 * driver path that silently returns zeros or premultiplied data.
 */
export function agreesWithCanvas(exact: Uint8Array, canvas: Uint8ClampedArray): boolean {
  if (exact.length !== canvas.length) return false;
  for (let i = 0; i < exact.length; i += 4) {
    const alpha = exact[i + 3];
    if (alpha !== canvas[i + 3]) return false;
    for (let c = 0; c < 3; c++) {
      if (alpha === 255 ? exact[i + c] !== canvas[i + c] : Math.abs(exact[i + c] - canvas[i + c]) * alpha > 2 * 255)
        return false;
    }
  }
  return true;
}

/** Unpremultiplied RGBA of `bitmap`, or undefined when WebGL is unavailable or disagrees with `canvasRgba`. */
export function readUnpremultipliedRgba(bitmap: ImageBitmap, canvasRgba: Uint8ClampedArray): Uint8Array | undefined {
  const { width, height } = bitmap;
  let gl: GL | null = null;
  try {
    gl = createGl(width, height);
    if (!gl) return undefined;
    const maxSize = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
    if (width > maxSize || height > maxSize) return undefined;
    const texture = gl.createTexture();
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
    gl.pixelStorei(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL, gl.NONE);
    gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, bitmap);
    const framebuffer = gl.createFramebuffer();
    gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
    if (gl.checkFramebufferStatus(gl.FRAMEBUFFER) !== gl.FRAMEBUFFER_COMPLETE) return undefined;
    const rgba = new Uint8Array(width * height * 4);
    gl.pixelStorei(gl.PACK_ALIGNMENT, 1);
    // Row 0 of the upload is row 0 of the texture, which readPixels returns first: no flip needed.
    gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, rgba);
    if (gl.getError() !== gl.NO_ERROR) return undefined;
    gl.deleteFramebuffer(framebuffer);
    gl.deleteTexture(texture);
    return agreesWithCanvas(rgba, canvasRgba) ? rgba : undefined;
  } catch {
    return undefined; // WebGL is only a refinement: the 2D canvas values stand
  } finally {
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
