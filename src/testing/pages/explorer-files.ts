/** Reading exported files in the explorer's e2e specs: the texts and size of an SVG, the size of a PNG. */

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export interface SvgFacts {
  viewBox: { width: number; height: number };
  /** Contents of every <text> element, entities decoded. */
  texts: string[];
}

export function svgFacts(svg: string): SvgFacts {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0];
  if (!root) throw new Error('the file has no <svg> root element');
  const box = /viewBox="([^"]+)"/
    .exec(root)?.[1]
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  if (!box || box.length !== 4 || box.some((n) => !Number.isFinite(n)))
    throw new Error(`the <svg> root has no valid viewBox: ${root}`);
  const texts = [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1].replace(/&(\w+);/g, (e, name: string) => ENTITIES[name] ?? e),
  );
  return { viewBox: { width: box[2], height: box[3] }, texts };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk (which must come first). */
export function pngDimensions(bytes: Uint8Array): { width: number; height: number } {
  if (bytes.length < 24 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b))
    throw new Error('the file is not a PNG (bad signature)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  if (chunk !== 'IHDR') throw new Error(`the PNG's first chunk is ${chunk}, not IHDR`);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
