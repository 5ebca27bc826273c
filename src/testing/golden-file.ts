/**
 * Test support for golden files: text compared byte for byte with a file under a test's `golden/` folder,
 * so that a change shows up as a diff to review. With UPDATE_GOLDEN=1 the file is written instead (accept
 * a change with `UPDATE_GOLDEN=1 npx vitest run <folder>`).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

export function expectGoldenFile(folder: URL, name: string, text: string): void {
  const file = new URL(name, folder);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(folder, { recursive: true });
    writeFileSync(file, text);
  }
  expect(existsSync(file), `golden/${name} is missing; create it with UPDATE_GOLDEN=1`).toBe(true);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

/** A React-rendered <svg> as a file of its own: the SVG namespace, and `style` (the theme's colours) inside it. */
export function standaloneSvg(markup: string, style: string): string {
  return `${markup.replace(/^<svg /, '<svg xmlns="http://www.w3.org/2000/svg" ').replace(/(<svg[^>]*>)/, `$1${style}`)}\n`;
}
