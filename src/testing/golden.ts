/**
 * Test support: golden files. `expectGoldenFile` compares a text with the file `name` in the folder
 * `golden` byte for byte; with UPDATE_GOLDEN=1 in the environment it writes the file first (accepting
 * the change, to be reviewed as a diff).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

export function expectGoldenFile(golden: URL, name: string, text: string): void {
  const file = new URL(name, golden);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(golden, { recursive: true });
    writeFileSync(file, text);
  }
  expect(existsSync(file), `golden/${name} is missing; create it with UPDATE_GOLDEN=1`).toBe(true);
  expect(text).toBe(readFileSync(file, 'utf8'));
}
