import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findUntranslated } from './untranslated.ts';
import { wordFailure } from '../../runtime/failure-words.ts';
import { FAILURE_SAMPLES, failureSamples } from '../../testing/failure-samples.ts';
import { failuresText } from './failures.ts';

const VIEWS = join(import.meta.dirname, '..');

/**
 * View folders not yet translated: their findings are not reported, but each must still have some (a
 * folder that is done must leave this list, so the exemption cannot outlive the work). Empty when every
 * view speaks both languages.
 */
const NOT_YET_TRANSLATED: readonly string[] = [];

const folderOf = (file: string) => file.split(/[\\/]/)[0]!;

/** Every source file of the views but tests and the catalogues themselves. */
function viewSources(dir = VIEWS): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return /^(en|zh)$/.test(entry.name) && dir.endsWith('i18n') ? [] : viewSources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && entry.name !== 'untranslated.ts'
      ? [path]
      : [];
  });
}

describe('untranslated text in the views', () => {
  it('finds hard-coded words in JSX text, attributes, expressions and messages', () => {
    const source = [
      'export function A({ open }: { open: boolean }) {',
      '  const status = `Loading ${open} layers…`;',
      '  return <div className="side x" aria-label="Inspector" title={open ? "Close" : t.details} data-x="a b">',
      '    Search layers <b>{open && \'order\'}</b>{t.ok}{" · "}{status}',
      '  </div>;',
      '}',
    ].join('\n');
    const found = findUntranslated('a.tsx', source).map((f) => `${f.rule}:${f.text}`);
    expect(found).toEqual([
      'prose:Loading layers…',
      'attribute:aria-label="Inspector"',
      'jsx-expression:Close',
      'jsx-text:Search layers',
      'jsx-expression:order',
    ]);
  });

  it('leaves alone comparisons, keys, class names, developer errors and catalogue look-ups', () => {
    const source = [
      "if (e.key === 'Enter') throw new Error('a broken layout here.');",
      "const style = { display: 'contents' }; const c = `segment segment-${kind}`;",
      "console.warn('Something odd happened.'); const m = t.classify['Some key'];",
      'const el = <p className={`a b`} aria-current="page" onClick={() => run(\'svg\')}>{t.hello}</p>;',
      "register('/service-worker.js'); const link = 'https://huggingface.co/timm';",
      "const tag = 'zh-Hans'; const names = { en: 'English' }; // i18n-ignore: named in itself",
      "const said = { code: 'store.couldNotStart', params: [{ word: ok ? 'settings.urlWeights' : `storage.${kind}` as const }] };",
    ].join('\n');
    expect(findUntranslated('b.tsx', source)).toEqual([]);
  });

  it('takes an i18n-ignore alone on the line above as the formatter leaves it, and no other line', () => {
    const above = ['const el = <dl>', '  {/* i18n-ignore: a formula */}', '  <dt>Norm ratio</dt>', '</dl>;'].join('\n');
    expect(findUntranslated('c.tsx', above)).toEqual([]);
    const below = ['const el = <dl>', '  <dt>Norm ratio</dt>', '  {/* i18n-ignore: a formula */}', '</dl>;'].join('\n');
    expect(findUntranslated('c.tsx', below).map((f) => f.text)).toEqual(['Norm ratio']);
  });

  const findings = viewSources().flatMap((file) => findUntranslated(relative(VIEWS, file), readFileSync(file, 'utf8')));

  it('finds none in the views: every word a reader sees comes from the catalogues', () => {
    const reported = findings.filter((f) => !NOT_YET_TRANSLATED.includes(folderOf(f.file)));
    expect(reported.map((f) => `${f.file}:${f.line} ${f.rule} ${JSON.stringify(f.text)}`)).toEqual([]);
  });

  it('exempts only folders that still hold untranslated text', () => {
    const untranslated = new Set(findings.map((f) => folderOf(f.file)));
    expect(NOT_YET_TRANSLATED.filter((folder) => !untranslated.has(folder))).toEqual([]);
  });
});

/**
 * The runtime's error details are words a reader sees too (a download that failed, a photo that cannot be
 * read, a worker that stopped): every code has a Chinese form with no English of its own left in it, only
 * the names it is given (the samples' placeholders) and those of formats, standards and networks.
 */
describe("untranslated text in the runtime's error details", () => {
  const PLACEHOLDER = /⟨[^⟩]*⟩/g;
  const NAMES =
    /Grad-CAM|Inception-ResNet-v2|Inception-v4|Inception|ImageNet|safetensors|HEIF\/HEIC|JPEG|PNG|WebP|GIF|BMP|AVIF|HTML|ONNX|SHA-256|https?:\/\/|localhost|WebGPU|WebGL|WebAssembly|GPU|navigator\.gpu|Node\.js|npm ci|Dawn|Linux|Vulkan|libvulkan\.so\.1|Chromium|SwiftShader|webgpu|WordNet ?ID|n01440764|Kaggle|LOC_val_solution\.csv|ImageId|PredictionString|Cache Storage|JSON|Explorer|\/learn|inception-explorer train --save|RGB/g;
  const samples = failureSamples();

  it('has a sample of every code', () => {
    expect(Object.keys(FAILURE_SAMPLES).sort()).toEqual(Object.keys(failuresText.en).sort());
    expect(samples.length).toBeGreaterThan(Object.keys(failuresText.en).length);
  });

  it.each(samples.map((d) => [d.code, d] as const))('%s is said in Chinese', (_code, detail) => {
    const en = wordFailure(failuresText.en, detail);
    const zh = wordFailure(failuresText.zh, detail);
    // (a message without a code is the library's or the browser's own, quoted as it came)
    if (!(detail.code === 'error' && detail.params.message)) expect(zh).not.toBe(en);
    expect(zh.replace(PLACEHOLDER, '').replace(NAMES, '')).not.toMatch(/[A-Za-z]{2,}/);
    // Nothing given is lost in Chinese but a format's own terms (the English detail of a broken safetensors header).
    const given = en.match(PLACEHOLDER) ?? [];
    // (and the list of image formats, which Chinese writes with its own "or")
    const kept = given.filter((p) => p !== '⟨formats⟩' && !(detail.code === 'weights.safetensors' && p === '⟨detail⟩'));
    for (const placeholder of kept) expect(zh).toContain(placeholder);
  });
});
