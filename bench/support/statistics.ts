/** The benchmarks' median (src/testing/median.ts: the harness page's training steps use it too). */
export { median } from '../../src/testing/median.ts';
