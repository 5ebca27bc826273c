import { describe, expect, it } from 'vitest';

// Every area's catalogue in each language (the files of en/ and zh/).
const en = import.meta.glob<Record<string, unknown>>('./en/*.ts', { eager: true });
const zh = import.meta.glob<Record<string, unknown>>('./zh/*.ts', { eager: true });

/** "a.b.c" for each string, "a.b(n)" for each function of n parameters: the shape of a catalogue. */
function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return [path];
  if (typeof value === 'function') return [`${path}(${value.length})`];
  if (value && typeof value === 'object')
    return Object.entries(value)
      .flatMap(([key, v]) => shape(v, path ? `${path}.${key}` : key))
      .sort();
  return [`${path}: ${typeof value}`];
}

const areas = (modules: Record<string, unknown>) =>
  Object.keys(modules)
    .map((p) => p.replace(/^\.\/(en|zh)\//, ''))
    .sort();

describe('message catalogues', () => {
  it('have one file per area in both languages', () => {
    expect(areas(en).length).toBeGreaterThan(0);
    expect(areas(zh)).toEqual(areas(en));
  });

  it.each(areas(en))('%s: both languages hold the same keys, each function with the same parameters', (file) => {
    const english = en[`./en/${file}`]!;
    const chinese = zh[`./zh/${file}`]!;
    expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort());
    for (const name of Object.keys(english)) expect(shape(chinese[name]), name).toEqual(shape(english[name]));
  });

  it.each(areas(en))('%s: no message in either language is empty', (file) => {
    // Keys may hold dots themselves (the runtime's failure codes: "download.not-found"), so walk the values.
    const empty = (value: unknown, path: string): string[] => {
      if (typeof value === 'string') return value.trim() === '' ? [path] : [];
      return value && typeof value === 'object'
        ? Object.entries(value).flatMap(([key, v]) => empty(v, `${path}/${key}`))
        : [];
    };
    for (const modules of [en[`./en/${file}`]!, zh[`./zh/${file}`]!]) expect(empty(modules, file)).toEqual([]);
  });
});
