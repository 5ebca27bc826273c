/**
 * The lab's settings in the URL, so that a race can be linked, reloaded and shared:
 *
 *   /learn?networks=inception-v4-s,inception-resnet-v2-s&epochs=20&lr=0.045&seed=3
 *   /learn?networks=inception-resnet-v2-s;width=0.5;scale=1,inception-resnet-v2-s;width=0.5;scale=0.1&lr=0.45
 *
 * Only values that differ from the defaults are written. Reading never fails: a value out of its stated
 * range, an unknown choice or network, or an unknown parameter is left out (the default stands) and
 * reported as a notice (data; the page words it), as the explorer does with a stale `node=`.
 */
import {
  BACKENDS,
  DATA_KINDS,
  DEFAULT_SETTINGS,
  inRange,
  MAX_NETWORKS,
  RANGES,
  SMALL_NETWORKS,
  choiceId,
  type LabSettings,
  type NumberRange,
  type NumericSetting,
  type RaceChoice,
  type SmallNetworkChoice,
} from './settings.ts';

export type SettingNotice =
  /** A number that is not one, or outside its range. */
  | { kind: 'range'; key: string; value: string; range: NumberRange }
  /** A value that is none of the choices. */
  | { kind: 'choice'; key: string; value: string; choices: readonly string[] }
  | { kind: 'network'; value: string }
  /** A network's option (width=…, scale=…) unknown or out of range. */
  | { kind: 'network-option'; network: string; value: string }
  | { kind: 'duplicate'; value: string }
  | { kind: 'too-many'; max: number }
  | { kind: 'unknown'; key: string };

export interface ParsedSettings {
  settings: LabSettings;
  notices: SettingNotice[];
}

/** URL parameter → setting, for the numbers. */
const NUMBERS: ReadonlyArray<[string, NumericSetting]> = [
  ['train', 'train'],
  ['test', 'test'],
  ['epochs', 'epochs'],
  ['batch', 'batch'],
  ['lr', 'learningRate'],
  ['momentum', 'momentum'],
  ['decay', 'decay'],
  ['epsilon', 'epsilon'],
  ['rate', 'rate'],
  ['every', 'every'],
  ['clip', 'clip'],
  ['scale', 'scale'],
  ['seed', 'seed'],
];

const CHOICES = {
  data: DATA_KINDS,
  optimizer: ['rmsprop', 'sgd'],
  schedule: ['exponential', 'constant'],
  backend: BACKENDS,
} as const;

const FLAGS = ['augment', 'dropout'] as const;
const KNOWN = new Set(['networks', ...NUMBERS.map(([param]) => param), ...Object.keys(CHOICES), ...FLAGS]);

function readNumber(text: string, range: NumberRange): number | undefined {
  const value = text.trim() === '' ? NaN : Number(text);
  return inRange(value, range) ? value : undefined;
}

/** "inception-resnet-v2-s;width=0.5;scale=0.1" → a choice, or notices. */
function readChoice(entry: string, notices: SettingNotice[]): RaceChoice | undefined {
  const [id, ...options] = entry.split(';');
  if (!(SMALL_NETWORKS as readonly string[]).includes(id)) {
    notices.push({ kind: 'network', value: id });
    return undefined;
  }
  const choice: RaceChoice = { network: id as SmallNetworkChoice };
  for (const option of options) {
    const [name, text = ''] = option.split('=');
    const value =
      name === 'width'
        ? readNumber(text, RANGES.width)
        : name === 'scale'
          ? readNumber(text, RANGES.choiceScale)
          : undefined;
    if (value === undefined) notices.push({ kind: 'network-option', network: id, value: option });
    else if (name === 'width') choice.width = value;
    else choice.scale = value;
  }
  return choice;
}

function readNetworks(text: string, notices: SettingNotice[]): RaceChoice[] | undefined {
  const choices: RaceChoice[] = [];
  for (const entry of text.split(',').filter((e) => e.trim() !== '')) {
    const choice = readChoice(entry.trim(), notices);
    if (!choice) continue;
    if (choices.some((c) => choiceId(c) === choiceId(choice))) notices.push({ kind: 'duplicate', value: entry });
    else if (choices.length >= MAX_NETWORKS) {
      if (!notices.some((n) => n.kind === 'too-many')) notices.push({ kind: 'too-many', max: MAX_NETWORKS });
    } else choices.push(choice);
  }
  return choices.length > 0 ? choices : undefined;
}

export function readSettings(search: string | URLSearchParams): ParsedSettings {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const notices: SettingNotice[] = [];
  const settings: LabSettings = { ...DEFAULT_SETTINGS };
  const networks = params.get('networks');
  if (networks !== null) settings.networks = readNetworks(networks, notices) ?? DEFAULT_SETTINGS.networks;
  for (const [param, key] of NUMBERS) {
    const text = params.get(param);
    if (text === null) continue;
    const value = readNumber(text, RANGES[key]);
    if (value === undefined) notices.push({ kind: 'range', key: param, value: text, range: RANGES[key] });
    else settings[key] = value;
  }
  for (const [param, choices] of Object.entries(CHOICES)) {
    const text = params.get(param);
    if (text === null) continue;
    if ((choices as readonly string[]).includes(text)) Object.assign(settings, { [param]: text });
    else notices.push({ kind: 'choice', key: param, value: text, choices });
  }
  for (const flag of FLAGS) {
    const text = params.get(flag);
    if (text === null) continue;
    if (['0', 'false', 'off'].includes(text)) settings[flag] = false;
    else if (['', '1', 'true', 'on'].includes(text)) settings[flag] = true;
    else notices.push({ kind: 'choice', key: flag, value: text, choices: ['0', '1'] });
  }
  for (const key of new Set(params.keys())) if (!KNOWN.has(key)) notices.push({ kind: 'unknown', key });
  return { settings, notices };
}

/** Commas, semicolons and "=" stay readable inside a value; everything else is escaped. */
const encodeValue = (value: string) =>
  encodeURIComponent(value).replace(/%2C/g, ',').replace(/%3B/g, ';').replace(/%3D/g, '=');

function networkText(choice: RaceChoice): string {
  return [
    choice.network,
    ...(choice.width !== undefined ? [`width=${choice.width}`] : []),
    ...(choice.scale !== undefined ? [`scale=${choice.scale}`] : []),
  ].join(';');
}

/** The query string (without "?") of settings: only what differs from the defaults. */
export function settingsSearch(settings: LabSettings): string {
  const parts: string[] = [];
  const networks = settings.networks.map(networkText).join(',');
  const defaults = DEFAULT_SETTINGS.networks.map(networkText).join(',');
  if (networks !== defaults) parts.push(`networks=${encodeValue(networks)}`);
  for (const [param, choices] of Object.entries(CHOICES)) {
    const value = settings[param as keyof typeof CHOICES];
    if (value !== DEFAULT_SETTINGS[param as keyof typeof CHOICES] && (choices as readonly string[]).includes(value)) {
      parts.push(`${param}=${value}`);
    }
  }
  for (const [param, key] of NUMBERS) {
    const value = settings[key];
    if (value !== undefined && value !== DEFAULT_SETTINGS[key]) parts.push(`${param}=${value}`);
  }
  for (const flag of FLAGS) {
    if (settings[flag] !== DEFAULT_SETTINGS[flag]) parts.push(`${flag}=${settings[flag] ? 1 : 0}`);
  }
  return parts.join('&');
}
