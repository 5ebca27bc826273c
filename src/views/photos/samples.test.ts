import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { samples as en } from '../i18n/en/samples.ts';
import { SAMPLE_PHOTOS, SAMPLES_LICENCE, sampleFile, sampleUrl } from './samples.ts';

const PUBLIC = fileURLToPath(new URL('../../../public', import.meta.url));
const served = (path: string) => readFileSync(`${PUBLIC}${path}`);

describe('the sample photos', () => {
  it('are the files of public/samples/, JPEGs of at most 60 KB, at least 299 px on the shorter side', async () => {
    const files = readdirSync(`${PUBLIC}/samples`)
      .filter((f) => f !== 'LICENSE.txt')
      .sort();
    expect(files).toEqual(SAMPLE_PHOTOS.map((s) => `${s.id}.jpg`).sort());
    for (const sample of SAMPLE_PHOTOS) {
      const bytes = served(sampleUrl(sample));
      expect(bytes.length, sample.id).toBeLessThanOrEqual(60_000);
      const { format, width = 0, height = 0, exif } = await sharp(bytes).metadata();
      expect([format, exif], sample.id).toEqual(['jpeg', undefined]);
      expect(Math.min(width, height), sample.id).toBeGreaterThanOrEqual(299);
    }
  });

  it('each have their source, author and licence in the licence file the app links to', () => {
    const licence = served(SAMPLES_LICENCE).toString();
    const sections = licence.split(/\n(?=\S+\.jpg {2})/).slice(1);
    expect(sections.map((s) => s.split(' ')[0])).toEqual(SAMPLE_PHOTOS.map((s) => `${s.id}.jpg`));
    for (const section of sections) {
      expect(section).toMatch(/\(from skimage\/data\/\w+\.(png|jpg), \d+×\d+\)/);
      expect(section).toMatch(/\n {2}Author: \S/);
      expect(section).toMatch(/\n {2}Licence: (CC0 1\.0 Universal|public domain)/);
    }
    // The app's one-line summary says the same licences.
    expect(en.licence).toBe('Sample photos from scikit-image: CC0 (cat, coffee) and public domain (SpaceX, NASA).');
  });

  it('are given to the page as the File a picked photo would be, or fail saying why', async () => {
    const server = (status: number, type: string) => (url: string | URL | Request) =>
      Promise.resolve(
        new Response(status === 200 ? served(String(url)) : 'x', {
          status,
          headers: { 'Content-Type': type },
        }),
      );
    const file = await sampleFile(SAMPLE_PHOTOS[0]!, server(200, 'image/jpeg'));
    const size = served('/samples/chelsea.jpg').length;
    expect([file.name, file.type, file.size]).toEqual(['chelsea.jpg', 'image/jpeg', size]);
    await expect(sampleFile(SAMPLE_PHOTOS[1]!, server(404, 'text/plain'))).rejects.toThrow('HTTP 404');
    // A host that answers a missing file with the app's page (a single-page fallback).
    await expect(sampleFile(SAMPLE_PHOTOS[1]!, server(200, 'text/html; charset=utf-8'))).rejects.toThrow(
      'the server sent text/html, not an image',
    );
  });
});
