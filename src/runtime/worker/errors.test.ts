import { describe, expect, it } from 'vitest';
import { DownloadError } from '../loading/download.ts';
import { WeightsError } from '../loading/load-weights.ts';
import { failureDetailOf } from '../failure-words.ts';
import { asFailure } from './errors.ts';

describe('asFailure', () => {
  it('keeps why a download failed, as data for advice', () => {
    const failure = (kind: ConstructorParameters<typeof DownloadError>[0], status?: number) =>
      asFailure(new DownloadError(kind, { code: 'error', params: { message: 'm' } }, 'u', status));
    expect(failure('http', 404)).toMatchObject({ kind: 'download', reason: 'not-found' });
    expect(failure('http', 403).reason).toBe('refused');
    expect(failure('http', 503).reason).toBe('server-error');
    expect(failure('http', 400).reason).toBe('http');
    expect(failure('network').reason).toBe('network');
    expect(failure('truncated').reason).toBe('cut-short');
    expect(failure('mismatch')).toMatchObject({ kind: 'download', reason: 'mismatch' });
    expect(failure('stalled')).toMatchObject({ kind: 'download', reason: 'stalled' });
    expect(failure('cancelled')).toMatchObject({ kind: 'cancelled', reason: undefined });
  });

  it('keeps the problem of a weights file', () => {
    const detail = {
      code: 'weights.safetensors',
      params: { file: 'x.safetensors', problem: 'truncated', detail: ' is truncated' },
    } as const;
    expect(asFailure(new WeightsError(detail, 'truncated'))).toMatchObject({
      kind: 'weights',
      reason: 'truncated',
      message: 'x.safetensors is truncated',
      detail,
    });
  });

  it("keeps which network another network's checkpoint fits", () => {
    expect(
      asFailure(
        new WeightsError(
          failureDetailOf(new Error('irv2.safetensors looks like…')),
          'wrong-model',
          'inception-resnet-v2',
        ),
      ),
    ).toMatchObject({ kind: 'weights', reason: 'wrong-model', fits: 'inception-resnet-v2' });
  });
});
