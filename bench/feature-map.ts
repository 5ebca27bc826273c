/**
 * Prints the feature map's cost (print, don't assert): pca2d on n images × 1536 pooled features, for the
 * sizes a run can have (up to the 5,000 images whose features are kept), in milliseconds (median of 3) with
 * the iterations it took, and the features' memory. Synthetic features: 20 classes, each a cluster around
 * its own non-negative centre, scaled differently per class (pooled ReLU outputs are non-negative), seeded.
 *
 * pca2d stops after 100 iterations where the second and third components nearly tie (features of equally
 * spread classes): then the axes' variances are right but the axes themselves any pair in that plane.
 *
 * Usage: npm run bench:feature-map [-- --sizes 500,1000,5000]
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { FEATURE_MAP_LIMIT } from '../src/runtime/evaluation/feature-map.ts';
import { pca2d } from '../src/runtime/evaluation/pca.ts';
import { uniform } from '../src/runtime/seeded-hash.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: `500,1000,${FEATURE_MAP_LIMIT}` } } });
const D = 1536;
// Classes of unequal spread (as ImageNet's are), so the components have distinct variances.
const centres = Array.from({ length: 20 }, (_, c) =>
  Float32Array.from({ length: D }, (_, j) => (0.5 + c / 8) * uniform(c, j) ** 3),
);

function features(n: number): Float32Array[] {
  return Array.from({ length: n }, (_, i) =>
    Float32Array.from(centres[i % 20], (v, j) => Math.max(0, v + 0.3 * (uniform(1000 + i, j) - 0.5))),
  );
}

console.log(
  `feature map: pca2d on n × ${D} Float32 features (${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version})`,
);
for (const n of values.sizes!.split(',').map(Number)) {
  const rows = features(n);
  const times: number[] = [];
  let iterations = 0;
  let explained = [0, 0];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const projection = pca2d(rows);
    times.push(performance.now() - started);
    iterations = projection.iterations;
    explained = projection.explained;
  }
  times.sort((a, b) => a - b);
  const mb = (n * D * 4) / 2 ** 20;
  console.log(
    `  n = ${String(n).padStart(5)}: ${times[1].toFixed(0).padStart(6)} ms (median of 3), ${iterations} iterations, ` +
      `explained ${(explained[0] * 100).toFixed(1)} % + ${(explained[1] * 100).toFixed(1)} %, features ${mb.toFixed(1)} MB`,
  );
}
