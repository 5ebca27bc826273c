import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { worstClasses, type ImageRecord } from '../runtime/evaluation/records.ts';
import { wnidOfClass } from '../runtime/evaluation/synsets.ts';
import { captureIo } from '../testing/cli/capture-io.ts';
import { recipeWeights } from '../testing/recipe-weights.ts';
import type { EvaluateReport } from './evaluate-report.ts';
import { mergeShards, readRecordsFile } from './evaluate-merge.ts';
import type { RecordsFile } from './evaluate-shard.ts';
import { main } from './main.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string) => join(ROOT, 'fixtures/preprocess', name);
const tmp = mkdtempSync(join(tmpdir(), 'evaluate-shard-'));
const set = join(tmp, 'val');
const real = join(tmp, 'real.json');
const file = (name: string) => join(tmp, name);
let weights: string;

async function run(...args: string[]) {
  const io = captureIo();
  const status = await main(args, io);
  return { status, ...io };
}

const evaluate = (...extra: string[]) =>
  run('evaluate', set, '--model', 'inception-v4', '--weights', weights, '--real', real, '--backend', 'wasm', ...extra);

/** The text report without the lines that tell runs apart: the records file written, the files merged. */
const reportLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n\n')
    .filter((p) => !/^(Records of|Merged from)/.test(p))
    .join('\n\n')
    .split('\n');

/** Records without their times (the damaged image's failure is worded the same in every run: decode.node.ts). */
const withoutTimes = (records: ImageRecord[]) => records.map(({ ms: _, ...r }) => r);

beforeAll(async () => {
  weights = await recipeWeights('inception-v4');
  // Five validation images in three classes, the third unreadable, and one left out (no such class).
  const images: Array<[string, number]> = [
    ['photo-420.jpg', 1],
    ['square-341.png', 7],
    ['truncated.jpg', 7],
    ['landscape-640x427.png', 400],
    ['photo-444.jpg', 400],
  ];
  images.forEach(([photo, label], i) => {
    mkdirSync(join(set, wnidOfClass(label)), { recursive: true });
    const name = `ILSVRC2012_val_0000000${i + 1}${photo.slice(photo.lastIndexOf('.'))}`;
    copyFileSync(fixture(photo), join(set, wnidOfClass(label), name));
  });
  mkdirSync(join(set, 'n99999999'));
  copyFileSync(fixture('photo-420.jpg'), join(set, 'n99999999', 'stray.jpg'));
  // ReaL: image 1 also accepts class 2, image 4 is left out.
  const labels: number[][] = Array.from({ length: 50_000 }, () => [0]);
  labels[0] = [1, 2];
  labels[3] = [];
  writeFileSync(real, JSON.stringify(labels));
}, 300_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('evaluate --shard K/N and evaluate merge', () => {
  it("shards 1/3, 2/3 and 3/3 merged give the single run's report, records and worst classes", async () => {
    const whole = await evaluate('--json', '--records', file('all.json'));
    expect(whole.status, whole.stderr).toBe(0);
    const single = JSON.parse(whole.stdout) as EvaluateReport;
    expect(single).toMatchObject({ images: 4, real: { images: 3, leftOut: 1 } });
    expect(single.skipped).toHaveLength(1);

    for (const k of [1, 2, 3]) {
      const shard = await evaluate('--shard', `${k}/3`, '--records', file(`shard-${k}.json`));
      expect(shard.status, shard.stderr).toBe(0);
      // Shard K holds the images whose index is K − 1 modulo 3: 2, 2 and 1 of the 5.
      const size = k === 3 ? 1 : 2;
      const heading = `, 1 crop, shard ${k}/3: ${size} of 5 image(s) of 3 class(es) in ${set} (one folder per class)`;
      expect(shard.stdout.split('\n')[0]).toContain(heading);
      expect(shard.stdout).toContain(`Records of ${size} image(s) written to ${file(`shard-${k}.json`)}: merge all 3`);
      const records = JSON.parse(readFileSync(file(`shard-${k}.json`), 'utf8')) as RecordsFile;
      expect(records.records.map((r) => r.index)).toEqual(k === 3 ? [2] : [k - 1, k + 2]);
    }
    const shards = [3, 1, 2].map((k) => file(`shard-${k}.json`));
    const merged = await run('evaluate', 'merge', ...shards, '--json');
    expect(merged.status, merged.stderr).toBe(0);
    expect(JSON.parse(merged.stdout)).toEqual(single);

    const text = await run('evaluate', 'merge', ...shards);
    const singleText = await evaluate();
    expect(reportLines(text.stdout)).toEqual(reportLines(singleText.stdout));
    expect(text.stdout).toContain(
      `Merged from 3 records file(s):\n  ${shards[0]}: shard 3/3, 1 image(s) on ` + 'WebAssembly (SIMD, single thread)',
    );

    const all = await readRecordsFile(file('all.json'));
    const given = await Promise.all(shards.map(async (path) => ({ path, file: await readRecordsFile(path) })));
    const outcome = mergeShards(given);
    expect(withoutTimes(outcome.records)).toEqual(withoutTimes(all.records));
    expect(worstClasses(outcome.records, 'inception-v4/1')).toEqual(worstClasses(all.records, 'inception-v4/1'));
  }, 600_000);

  it("four shards (one of them a single image) merged give the single run's report and per-image records", async () => {
    const whole = await evaluate('--json', '--records', file('all4.json'), '--csv', file('all4.csv'));
    expect(whole.status, whole.stderr).toBe(0);
    const shards = [1, 2, 3, 4].map((k) => file(`four-${k}.json`));
    for (const [i, path] of shards.entries()) {
      const shard = await evaluate('--shard', `${i + 1}/4`, '--records', path);
      expect(shard.status, shard.stderr).toBe(0);
    }
    const merged = await run('evaluate', 'merge', ...shards.reverse(), '--json', '--csv', file('merged4.csv'));
    expect(merged.status, merged.stderr).toBe(0);
    const csv = readFileSync(file('all4.csv'));
    // Byte for byte, with a row per image: the header and the 5 labelled images, one of them unreadable.
    expect(readFileSync(file('merged4.csv')).equals(csv)).toBe(true);
    expect(csv.toString('utf8').trimEnd().split('\r\n')).toHaveLength(6);
    expect(csv.toString('utf8')).toMatch(/skipped: .*truncated or corrupt.*VipsJpeg: premature end of JPEG image/);
    expect(JSON.parse(merged.stdout)).toEqual(JSON.parse(whole.stdout));
    const outcome = mergeShards(
      await Promise.all(shards.map(async (path) => ({ path, file: await readRecordsFile(path) }))),
    );
    expect(withoutTimes(outcome.records)).toEqual(withoutTimes((await readRecordsFile(file('all4.json'))).records));
  }, 600_000);

  it.each([
    [['--shard', 'x', '--records', 'r.json'], '--shard takes K/N, shard K of N (e.g. 2/4: the second of four), got'],
    [['--shard', '3/2', '--records', 'r.json'], '--shard 3/2: K must be from 1 to 2, the number of shards'],
    [['--shard', '0/3', '--records', 'r.json'], '--shard 0/3: K must be from 1 to 3, the number of shards'],
    [['--shard', '1/0', '--records', 'r.json'], '--shard 1/0: N, the number of shards, must be at least 1'],
    [['--shard', '1/2'], "--shard needs --records FILE, where the shard's results go for evaluate merge"],
    [
      ['--shard', '1/6', '--records', 'r.json'],
      '--shard 1/6: the run has 5 image(s), so some shards would hold none; use at most 5 shards',
    ],
    [['--limit', '2', '--shard', '1/3', '--records', 'r.json'], '--shard 1/3: the run has 2 image(s)'],
  ])('refuses %j with exit 2', async (args, message) => {
    const out = await evaluate(...args.map((a) => (a === 'r.json' ? file(a) : a)));
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(message);
    expect(out.stdout).toBe('');
  });

  it('refuses shards of different runs, overlapping or missing shards, and damaged files, saying which', async () => {
    const shards = [1, 2, 3].map((k) => file(`shard-${k}.json`));
    const changed = (name: string, change: (f: RecordsFile) => void) => {
      const records = JSON.parse(readFileSync(shards[1], 'utf8')) as RecordsFile;
      change(records);
      writeFileSync(file(name), JSON.stringify(records));
      return file(name);
    };
    const otherRun = changed('other.json', (f) => {
      f.crops = 12;
      f.weights[0].sha256 = 'f'.repeat(64);
      f.dataset.fingerprint = '0'.repeat(64);
      delete f.real;
    });
    const copy = changed('shard-2-copy.json', () => undefined);
    const incomplete = changed('incomplete.json', (f) => void f.records.pop());
    const truncated = file('truncated.json');
    writeFileSync(truncated, readFileSync(shards[2], 'utf8').slice(0, 300));
    writeFileSync(file('other-format.json'), '{"records": []}');
    const cases: Array<[string[], string | RegExp]> = [
      [
        [shards[0], otherRun, shards[2]],
        new RegExp(
          `^cannot merge shards of different runs: ${otherRun} differs from ` +
            `${shards[0]} in the labelled set \\(5 image\\(s\\) in ${set} vs 5 in ${set}: ` +
            'their paths or labels differ\\); ' +
            '--crops \\(1 vs 12\\); the weights of inception-v4 \\(SHA-256 [0-9a-f]{12}… vs ffffffffffff…\\); ' +
            '--real \\(given vs not given\\); merge the records',
        ),
      ],
      [
        [shards[0], shards[1], copy, shards[2]],
        `${copy} and ${shards[1]} are both shard 2/3: both hold images 1, 4; give each shard's file once`,
      ],
      [[shards[0], shards[1], shards[2], shards[1]], `${shards[1]} is given twice (shard 2/3: images 1, 4)`],
      [
        [shards[0], shards[2]],
        "shard 2/3 is missing (images 1, 4) (indices from 0 in the set's order, of 5); give every shard's whole",
      ],
      [[shards[0], incomplete, shards[2]], `${incomplete} (shard 2/3) lacks images 4 (indices from 0`],
      [[shards[0], truncated], `${truncated}: not a whole records file, its JSON is cut short or damaged (`],
      [[file('other-format.json')], 'other-format.json: it is not a records file of evaluate --records'],
      [[file('absent.json')], 'absent.json: cannot read it (no such file)'],
    ];
    for (const [args, message] of cases) {
      const out = await run('evaluate', 'merge', ...args);
      expect(out.status, args.join(' ')).toBe(1);
      const stderr = out.stderr.replace(/^inception-explorer evaluate: /, '');
      if (typeof message === 'string') expect(stderr).toContain(message);
      else expect(stderr).toMatch(message);
      expect(out.stdout).toBe('');
    }
    const none = await run('evaluate', 'merge', '--json');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('expected the records files of the shards\nusage: inception-explorer evaluate merge');
  }, 60_000);
});
