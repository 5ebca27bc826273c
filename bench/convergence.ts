/**
 * Do residual connections speed up training, at a scale this machine can run? (print, don't assert)
 * Inception-v4-S, Inception-ResNet-v2-S and its twin without shortcuts are raced by `inception-explorer
 * train` itself (runTrain in-process: the CLI's race, the same batches for every network, WebAssembly),
 * once per seed (the seed draws the generated images, the initial weights and the batches' order). For
 * each network and seed: the training loss averaged over each epoch's steps, the held-out top-1 error at
 * each epoch's end, and the first epoch at which the error reached the target E; then the mean ± sample
 * standard deviation over the seeds, as tables (Markdown), and everything as JSON with --json.
 *
 * Data: the built-in generated set, and CIFAR-10 when --cifar gives the official binary archive
 * (cifar-10-binary.tar.gz or its extracted folder): every epoch is then its 50,000 images, hours per
 * epoch on a 2-core machine (--test-images limits the held-out images evaluated).
 *
 * Usage: npm run bench:convergence [-- --seeds 1,2,3 --error 0.75 --epochs 4 --images 200 --width 0.125
 *   --batch 16 --lr 0.01 --network inception-v4-s --network … --cifar PATH --test-images 1000 --json out.json]
 * Each seed's errors are printed, and the JSON written, as soon as that seed is done.
 * `--from a.json,b.json` prints the tables of runs saved earlier (seeds run in separate processes, say).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runTrain } from '../src/cli/train.ts';
import type { ProgressRecord } from '../src/runtime/training/protocol.ts';
import { machineLine } from './support/machine.ts';
import { curvesOf, epochsToReach, formatSpread, type Curves } from './support/convergence.ts';

const { values: args } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1,2,3' },
    error: { type: 'string', default: '0.75' },
    epochs: { type: 'string', default: '4' },
    images: { type: 'string', default: '200' },
    width: { type: 'string', default: '0.125' },
    batch: { type: 'string', default: '16' },
    lr: { type: 'string', default: '0.01' },
    network: { type: 'string', multiple: true, default: [] },
    cifar: { type: 'string' },
    'test-images': { type: 'string' },
    json: { type: 'string' },
    from: { type: 'string' },
  },
});

const seeds = args.seeds!.split(',').map(Number);
if (seeds.some((s) => !Number.isInteger(s) || s < 0)) throw new Error(`--seeds takes whole numbers, got ${args.seeds}`);
const target = Number(args.error);
if (!(target > 0 && target < 1)) throw new Error(`--error is a held-out error in (0, 1), got ${args.error}`);
const networks =
  args.network.length > 0
    ? args.network
    : ['inception-v4-s', 'inception-resnet-v2-s', 'inception-resnet-v2-s-no-shortcuts'];
const shared = [
  '--width',
  args.width!,
  '--batch',
  args.batch!,
  '--epochs',
  args.epochs!,
  '--lr',
  args.lr!,
  ...(args['test-images'] ? ['--test-images', args['test-images']] : []),
];

interface DataRun {
  data: string;
  /** Per seed: the CLI's first line (what was trained on), then each network's curves. */
  seeds: { seed: number; description: string; seconds: number; networks: Record<string, Curves> }[];
}

async function race(data: string, seed: number): Promise<DataRun['seeds'][number]> {
  const records: ProgressRecord[] = [];
  let description = '';
  const started = performance.now();
  const status = await runTrain(
    [...networks.flatMap((n) => ['--network', n]), '--data', data, ...shared, '--seed', String(seed)],
    {
      out: () => {},
      err: (text) => {
        description ||= text;
        console.error(text);
      },
    },
    { onRecords: (batch) => records.push(...batch) },
  );
  if (status !== 0) throw new Error(`the race on ${data}, seed ${seed}, ended with status ${status}`);
  const seconds = (performance.now() - started) / 1000;
  console.error(`seed ${seed}: ${seconds.toFixed(0)} s`);
  return { seed, description, seconds, networks: Object.fromEntries(curvesOf(records)) };
}

const percent = (digits: number) => (xs: number[]) => formatSpread(xs, digits, 100);

function report(run: DataRun): string {
  const raced = Object.keys(run.seeds[0].networks);
  const epochs = Math.max(...run.seeds.flatMap((s) => Object.values(s.networks).map((c) => c.error.length)));
  const columns = Array.from({ length: epochs }, (_, i) => `epoch ${i + 1}`);
  const what = run.seeds[0].description.replace(/^training .*? on /, '').replace(/ \(seed \d+\)/, '');
  const lines = [
    `${run.data}: ${what}; seeds ${run.seeds.map((s) => s.seed).join(', ')}; mean ± standard deviation over the seeds`,
    '',
  ];
  const table = (
    title: string,
    value: (c: Curves, i: number) => number | undefined,
    cell: (xs: number[]) => string,
    extra?: { head: string; cell: (network: string) => string },
  ) => {
    lines.push(
      `| ${title} | ${columns.join(' | ')} |${extra ? ` ${extra.head} |` : ''}`,
      `|---|${columns.map(() => '---|').join('')}${extra ? '---|' : ''}`,
    );
    for (const n of raced) {
      const cells = columns.map((_, i) =>
        cell(
          run.seeds
            .map((s) => value(s.networks[n], i))
            .filter((v): v is number => v !== undefined && Number.isFinite(v)),
        ),
      );
      lines.push(`| ${n} | ${cells.join(' | ')} |${extra ? ` ${extra.cell(n)} |` : ''}`);
    }
    lines.push('');
  };
  table('held-out top-1 error, %', (c, i) => c.error[i], percent(1), {
    head: `epochs to ≤ ${(target * 100).toFixed(0)} % error`,
    cell: (n) => {
      const reached = run.seeds.map((s) => epochsToReach(s.networks[n].error, target));
      const hits = reached.filter((e): e is number => e !== undefined);
      const spread = hits.length > 0 ? formatSpread(hits, 1) : 'never';
      if (hits.length === reached.length || hits.length === 0) return spread;
      return `${spread} (${hits.length} of ${reached.length} seeds reached it)`;
    },
  });
  table(
    'training loss',
    (c, i) => c.loss[i],
    (xs) => formatSpread(xs, 3),
  );
  const stops = run.seeds.flatMap((s) =>
    Object.entries(s.networks)
      .filter(([, c]) => c.stopped)
      .map(([n, c]) => `${n}, seed ${s.seed}: ${c.stopped}`),
  );
  if (stops.length > 0) lines.push(`Stopped early: ${stops.join('; ')}`, '');
  for (const s of run.seeds) {
    lines.push(
      `seed ${s.seed} (${s.seconds.toFixed(0)} s): ${raced
        .map((n) => `${n} ${s.networks[n].error.map((e) => (e * 100).toFixed(0)).join('→')} %`)
        .join(', ')}`,
    );
  }
  return lines.join('\n');
}

/** Runs saved by --json (one file per seed run in parallel, say), merged by data set. */
function savedRuns(paths: string[]): DataRun[] {
  const merged = new Map<string, DataRun>();
  for (const path of paths) {
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { runs: DataRun[] };
    for (const run of saved.runs) {
      const into = merged.get(run.data) ?? { data: run.data, seeds: [] };
      into.seeds.push(...run.seeds);
      merged.set(run.data, into);
    }
  }
  for (const run of merged.values()) run.seeds.sort((a, b) => a.seed - b.seed);
  return [...merged.values()];
}

const save = (runs: DataRun[]) =>
  args.json && writeFileSync(args.json, `${JSON.stringify({ target, networks, arguments: shared, runs }, null, 1)}\n`);

if (args.from) {
  for (const run of savedRuns(args.from.split(','))) console.log(`\n${report(run)}\n`);
} else {
  console.log(machineLine());
  const sets = [`generated:${args.images}`];
  if (args.cifar === undefined) {
    console.log(
      'CIFAR-10: skipped — no --cifar PATH given (cifar-10-binary.tar.gz, the official binary archive, ' +
        'or its extracted folder)',
    );
  } else if (!existsSync(args.cifar)) {
    console.log(
      `CIFAR-10: skipped — ${args.cifar} does not exist; give cifar-10-binary.tar.gz or its extracted folder`,
    );
  } else {
    sets.push(`cifar10:${args.cifar}`);
  }
  const runs: DataRun[] = [];
  for (const data of sets) {
    const run: DataRun = { data, seeds: [] };
    runs.push(run);
    for (const seed of seeds) {
      run.seeds.push(await race(data, seed));
      // Each seed's result as soon as it is known (and saved): a long run cut short keeps what it measured.
      save(runs);
      console.log(
        `${data}, seed ${seed}: held-out error by epoch, ${networks
          .map(
            (n) =>
              `${n} ${run.seeds
                .at(-1)!
                .networks[n].error.map((e) => (e * 100).toFixed(0))
                .join('→')} %`,
          )
          .join(', ')}`,
      );
    }
    console.log(`\n${report(run)}\n`);
  }
  if (args.json) console.log(`written to ${args.json}`);
}
