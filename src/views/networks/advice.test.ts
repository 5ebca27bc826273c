import { describe, expect, it } from 'vitest';

import { InferenceFailure } from '../../runtime/worker/errors.ts';
import { networksText as networks } from '../i18n/networks.ts';
import { reasonOf, weightsAdvice } from './advice.ts';

describe('weightsAdvice', () => {
  it('says what to do for each kind of failure, naming the checkpoint a network needs', () => {
    expect(weightsAdvice('web-page')).toMatch(
      /^A web page came instead of the weights: check the download source’s address/,
    );
    expect(weightsAdvice('missing', 'inception-resnet-v2')).toBe(
      'This is not the checkpoint this network needs: use model.safetensors of timm/inception_resnet_v2.tf_in1k.',
    );
    expect(weightsAdvice('not-found')).toMatch(/has no such file: check its address/);
    expect(weightsAdvice('non-finite')).toMatch(/invalid numbers/);
    expect(weightsAdvice('mismatch')).toBe(
      'This download is not the file it should be (its SHA-256 differs): ' +
        'download it again, or use another download source.',
    );
    expect(weightsAdvice('stalled')).toBe(
      'The download source stopped sending: try again later, or use another download source.',
    );
    expect(weightsAdvice(undefined)).toBeUndefined();
  });

  it('after a download that could not connect, points to the ways that need no connection: a file, a mirror, the official page', () => {
    expect(weightsAdvice('network', 'inception-v4')).toBe(
      'The download could not connect: check that you are online (or that ' +
        'the mirror is running), then try again. Without a connection to Hugging Face from here: get model.safetensors of ' +
        'timm/inception_v4.tf_in1k (the official files are at https://huggingface.co/timm/inception_v4.tf_in1k) another way ' +
        'and load it with “Use a .safetensors file…”, or set a mirror under “Download source”.',
    );
    expect(weightsAdvice('network', 'inception-resnet-v2', networks.zh)).toContain(
      '再用“使用 .safetensors 文件…”加载；或在“下载来源”中设置镜像。',
    );
    expect(weightsAdvice('network', 'inception-resnet-v2', networks.zh)).toContain(
      'https://huggingface.co/timm/inception_resnet_v2.tf_in1k',
    );
  });

  it('reads the reason a failure carries across the worker', () => {
    expect(reasonOf(new InferenceFailure('weights', { code: 'error', params: { message: 'x' } }, 'truncated'))).toBe(
      'truncated',
    );
    expect(reasonOf(new Error('plain'))).toBeUndefined();
  });
});
