import { describe, expect, it } from 'vitest';
import { networksText } from '../i18n/networks.ts';
import { describeProgress } from './progress.ts';

describe('describeProgress', () => {
  it('shows bytes, percent, speed and retries of a download', () => {
    expect(
      describeProgress({
        phase: 'download',
        received: 12_300_000,
        total: 171_200_000,
        bytesPerSecond: 4_100_000,
        attempt: 2,
      }),
    ).toBe('12.3 MB of 171.2 MB (7 %), 4.1 MB/s, attempt 2');
    expect(describeProgress({ phase: 'download', received: 5000 })).toBe('5.0 kB');
    expect(describeProgress({ phase: 'validate' })).toBe('checking the weights…');
  });

  it('says a download is connecting, and retrying, until an answer comes: not what the card said before (the cache)', () => {
    const connecting = (attempt: number) =>
      ({
        phase: 'download',
        received: 0,
        total: undefined,
        bytesPerSecond: 0,
        attempt,
        attempts: 4,
        connecting: true,
      }) as const;
    expect(describeProgress(connecting(1))).toBe('connecting…');
    expect(describeProgress(connecting(3))).toBe('no answer yet, trying again (attempt 3 of 4)…');
    expect(describeProgress(connecting(2), networksText.zh)).toBe('尚无应答，正在重试（第 2 次，共 4 次）…');
  });
});
