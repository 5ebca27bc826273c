/**
 * Settings of the networks: where weights are downloaded from (Hugging Face, or a mirror) and which
 * backend to use. A URL parameter wins over the stored setting, so a link (or a test) can choose:
 *   /classify?weights=http://127.0.0.1:8123&backend=wasm
 */
import { checkBaseUrl, HUGGING_FACE } from '../../runtime/loading/sources.ts';
import type { BackendChoice } from '../../runtime/worker/protocol.ts';
import type { NetworksSaid } from '../i18n/networks.ts';

export const BASE_URL_KEY = 'inception-explorer.weights-base-url';
export const BACKEND_KEY = 'inception-explorer.backend';
const CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

export interface NetworkSettings {
  baseUrl: string;
  backend: BackendChoice;
  /** Where each came from, shown beside the setting. */
  baseUrlFrom: 'url' | 'stored' | 'default';
  backendFrom: 'url' | 'stored' | 'default';
  /** Problems with a given value (which was then ignored), worded when shown. */
  problems: NetworksSaid[];
}

type Storage = Pick<globalThis.Storage, 'getItem'>;

function read(storage: Storage | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function isBackendChoice(value: string): value is BackendChoice {
  return (CHOICES as readonly string[]).includes(value);
}

export function readNetworkSettings(search: string, storage: Storage | undefined): NetworkSettings {
  const params = new URLSearchParams(search);
  const problems: NetworksSaid[] = [];
  const settings: NetworkSettings = {
    baseUrl: HUGGING_FACE,
    backend: 'auto',
    baseUrlFrom: 'default',
    backendFrom: 'default',
    problems,
  };

  for (const [from, value] of [
    ['url', params.get('weights')],
    ['stored', read(storage, BASE_URL_KEY)],
  ] as const) {
    if (value === null || settings.baseUrlFrom !== 'default') continue;
    const check = checkBaseUrl(value);
    if (check.ok) Object.assign(settings, { baseUrl: check.baseUrl, baseUrlFrom: from });
    else
      problems.push({
        code: 'settings.invalid',
        params: [{ word: from === 'url' ? 'settings.urlWeights' : 'settings.stored' }, check.detail],
      });
  }
  for (const [from, value] of [
    ['url', params.get('backend')],
    ['stored', read(storage, BACKEND_KEY)],
  ] as const) {
    if (value === null || settings.backendFrom !== 'default') continue;
    if (isBackendChoice(value)) Object.assign(settings, { backend: value, backendFrom: from });
    else {
      problems.push({
        code: 'settings.notOneOf',
        params: [
          { word: from === 'url' ? 'settings.urlBackend' : 'settings.storedBackend' },
          value,
          CHOICES.join(', '),
        ],
      });
    }
  }
  return settings;
}

export function storeSetting(
  storage: Pick<globalThis.Storage, 'setItem' | 'removeItem'> | undefined,
  key: string,
  value: string | undefined,
): void {
  try {
    if (value === undefined) storage?.removeItem(key);
    else storage?.setItem(key, value);
  } catch {
    // Storage may be disabled (private mode): the setting then lasts for this page only.
  }
}
