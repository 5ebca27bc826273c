/**
 * A layout as a standalone SVG document: explicit size and viewBox, concrete colours, the font set on the
 * root, nothing outside the drawing's extent. Used for the golden files and the explorer's SVG/PNG export.
 * Written as a string from the same scene the interactive diagram draws (no react-dom/server in the bundle).
 */
import type { Layout } from '../../layout/types.ts';
import { FONT_FAMILY } from '../../layout/text.ts';
import { PALETTES } from './palette.ts';
import type { RenderSvgOptions } from './props.ts';
import { buildScene, type Shape } from './scene.ts';

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function attributes(values: Readonly<Record<string, string | number>>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

function shapeSvg(shape: Shape): string {
  const open = `<${shape.tag}${attributes(shape.attrs)}${attributes(shape.paint)}`;
  return shape.text === undefined ? `${open}/>` : `${open}>${escapeXml(shape.text)}</${shape.tag}>`;
}

export function renderDiagramSvg(layout: Layout, options: RenderSvgOptions = {}): string {
  const palette = PALETTES[options.theme ?? 'light'];
  const scene = buildScene(layout, options, palette);
  const scale = options.scale ?? 1;
  const title = options.title ?? layout.title;
  const lines: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width * scale}" height="${scene.height * scale}" viewBox="0 0 ${scene.width} ${scene.height}" font-family="${escapeXml(FONT_FAMILY)}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${scene.width}" height="${scene.height}" fill="${palette.background}"/>`,
  ];
  for (const group of [...scene.frames, ...scene.boxes]) {
    if (group === scene.boxes[0])
      lines.push(
        ...scene.edges.map((e) => `<g data-edge="${escapeXml(e.edge.id)}">${e.shapes.map(shapeSvg).join('')}</g>`),
      );
    lines.push(
      `<g data-address="${escapeXml(group.box.address)}"><title>${escapeXml(group.tooltip)}</title>${group.shapes.map(shapeSvg).join('')}</g>`,
    );
  }
  if (scene.boxes.length === 0) lines.push(...scene.edges.map((e) => `<g>${e.shapes.map(shapeSvg).join('')}</g>`));
  lines.push('</svg>', '');
  return lines.join('\n');
}
