/**
 * The ReaL labels shipped with the app (`imagenet-real-labels.json`, 388 KB, ≈ 114 KB gzipped): loaded
 * with a dynamic import only when someone turns ReaL on, so it is its own chunk and costs nothing
 * otherwise. It is the public real.json of google-research/reassessed-imagenet, with no user data.
 */
import { parseRealLabels, type RealLabels } from './real-labels.ts';

let loading: Promise<RealLabels> | undefined;

export function loadBundledRealLabels(): Promise<RealLabels> {
  loading ??= import('./imagenet-real-labels.json').then((module) =>
    parseRealLabels(module.default, 'the bundled ReaL labels'),
  );
  loading.catch(() => (loading = undefined));
  return loading;
}
