import { describe, expect, it } from 'vitest';
import { saidIn } from '../../testing/said.ts';
import { classifyText } from '../i18n/classify.ts';
import { MAX_PHOTO_BYTES, sortInputs } from './inputs.ts';

const file = (name: string, type: string, size = 10) => new File([new Uint8Array(size)], name, { type });

describe('sortInputs', () => {
  it('separates photos, weights files and the rest, each rejection with a message', () => {
    const sorted = sortInputs([
      file('cat.jpg', 'image/jpeg'),
      file('model.safetensors', ''),
      file('notes.txt', 'text/plain'),
      file('scan.PNG', ''),
      file('empty.png', 'image/png', 0),
    ]);
    expect(sorted.photos.map((f) => f.name)).toEqual(['cat.jpg', 'scan.PNG']);
    expect(sorted.weights.map((f) => f.name)).toEqual(['model.safetensors']);
    expect(sorted.rejected.map(({ name, message }) => ({ name, message: saidIn(classifyText, message) }))).toEqual([
      {
        name: 'notes.txt',
        message:
          'notes.txt is not an image (text/plain): drop a photo (JPEG, PNG, WebP…) or a .safetensors weights file',
      },
      { name: 'empty.png', message: 'empty.png is empty (0 bytes)' },
    ]);
  });

  it('refuses a huge photo file before reading it', () => {
    const huge = { name: 'huge.jpg', type: 'image/jpeg', size: MAX_PHOTO_BYTES + 30_000_000 } as File;
    expect(saidIn(classifyText, sortInputs([huge]).rejected[0].message)).toBe(
      'huge.jpg is 80.0 MB; photos up to 50.0 MB are accepted',
    );
  });
});
