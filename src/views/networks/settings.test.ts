import { describe, expect, it } from 'vitest';
import { saidIn } from '../../testing/said.ts';
import { networksText } from '../i18n/networks.ts';
import { BACKEND_KEY, BASE_URL_KEY, readNetworkSettings } from './settings.ts';

const storage = (values: Record<string, string>) => ({ getItem: (key: string) => values[key] ?? null });

describe('readNetworkSettings', () => {
  it('defaults to Hugging Face and the automatic backend', () => {
    expect(readNetworkSettings('', undefined)).toEqual({
      baseUrl: 'https://huggingface.co',
      backend: 'auto',
      baseUrlFrom: 'default',
      backendFrom: 'default',
      problems: [],
    });
  });

  it('takes URL parameters over stored settings', () => {
    const settings = readNetworkSettings(
      '?weights=http://127.0.0.1:8123/&backend=wasm',
      storage({ [BASE_URL_KEY]: 'https://mirror.example', [BACKEND_KEY]: 'webgl' }),
    );
    expect(settings).toMatchObject({
      baseUrl: 'http://127.0.0.1:8123',
      baseUrlFrom: 'url',
      backend: 'wasm',
      backendFrom: 'url',
    });
  });

  it('uses stored settings when the URL has none', () => {
    const settings = readNetworkSettings(
      '',
      storage({ [BASE_URL_KEY]: 'https://mirror.example/hf', [BACKEND_KEY]: 'cpu' }),
    );
    expect(settings).toMatchObject({
      baseUrl: 'https://mirror.example/hf',
      baseUrlFrom: 'stored',
      backend: 'cpu',
      backendFrom: 'stored',
    });
  });

  it('reports bad values and falls back', () => {
    const settings = readNetworkSettings(
      '?weights=nonsense&backend=tpu',
      storage({ [BASE_URL_KEY]: 'https://mirror.example' }),
    );
    expect(settings).toMatchObject({ baseUrl: 'https://mirror.example', baseUrlFrom: 'stored', backend: 'auto' });
    expect(settings.problems.map((p) => saidIn(networksText, p))).toEqual([
      'URL parameter "weights": weights base URL "nonsense" is not a URL (expected e.g. https://huggingface.co)',
      'URL parameter "backend": "tpu" is not one of auto, webgpu, webgl, wasm, cpu',
    ]);
    // Kept as data, the problems are said in the reader's language, the runtime's reason too.
    expect(settings.problems.map((p) => saidIn(networksText, p, 'zh'))).toEqual([
      'URL 参数“weights”：权重下载地址“nonsense”不是网址（应类似 https://huggingface.co）',
      'URL 参数“backend”：“tpu”不是 auto, webgpu, webgl, wasm, cpu 之一',
    ]);
  });

  it('survives storage that throws (disabled storage)', () => {
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
    };
    expect(readNetworkSettings('', throwing).baseUrlFrom).toBe('default');
  });
});
