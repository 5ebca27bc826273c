import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findUntranslated } from './untranslated.ts';

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
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && entry.name !== 'untranslated.ts' ? [path] : [];
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
      "const el = <p className={`a b`} aria-current=\"page\" onClick={() => run('svg')}>{t.hello}</p>;",
      "register('/service-worker.js'); const link = 'https://huggingface.co/timm';",
      "const tag = 'zh-Hans'; const names = { en: 'English' }; // i18n-ignore: named in itself",
    ].join('\n');
    expect(findUntranslated('b.tsx', source)).toEqual([]);
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
