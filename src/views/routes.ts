/**
 * Every view of the explorer is a URL, so reload, links and back/forward work:
 *
 *   /                                        home
 *   /compare[?variant=paper]                 the three networks side by side
 *   /figures, /figure/17                     the paper's figures; /figure/N redirects to its view
 *   /classify                                classify a photo (its own chunk)
 *   /evaluate                                error rates on a labelled set (its own chunk)
 *   /inception-resnet-v2                     → the default variant
 *   /inception-resnet-v2/released            network schema (Fig. 9 / 15)
 *   /inception-resnet-v2/paper/inception-resnet-b   one block (Figs. 3–8, 10–14, 16–19)
 *
 * Query parameters of network and block views: node=<address> (selected node), diff (paper vs released),
 * expand=<address>,… or expand=all (opened repeats and blocks), q=<search>.
 * Routing uses wouter (2 KB, hooks over the History API, search-param hooks, a memory location for
 * component tests); this file only builds and reads URLs.
 */
import type { NetworkId, Variant } from '../model/types.ts';

export interface ViewOptions {
  /** Address of the selected node. */
  node?: string;
  diff?: boolean;
  /** Opened repeats/blocks of a network schema: addresses, or "all". */
  expand?: readonly string[] | 'all';
  q?: string;
}

export const HOME = '/';
export const COMPARE = '/compare';
export const FIGURES = '/figures';
export const CLASSIFY = '/classify';
export const EVALUATE = '/evaluate';

export const figureHref = (figure: number) => `/figure/${figure}`;

export function networkHref(network: NetworkId, variant: Variant, options: ViewOptions = {}): string {
  return withQuery(`/${network}/${variant}`, options);
}

export function blockHref(network: NetworkId, variant: Variant, block: string, options: ViewOptions = {}): string {
  return withQuery(`/${network}/${variant}/${encodeURIComponent(block)}`, options);
}

export function compareHref(variant?: 'paper'): string {
  return variant ? `${COMPARE}?variant=${variant}` : COMPARE;
}

function withQuery(path: string, options: ViewOptions): string {
  const query = searchString(options);
  return query ? `${path}?${query}` : path;
}

/** The query string (without "?") for view options; addresses keep their slashes readable. */
export function searchString(options: ViewOptions): string {
  const parts: string[] = [];
  if (options.node) parts.push(`node=${encodeAddress(options.node)}`);
  if (options.diff) parts.push('diff');
  if (options.expand === 'all') parts.push('expand=all');
  else if (options.expand && options.expand.length > 0) parts.push(`expand=${options.expand.map(encodeAddress).join(',')}`);
  if (options.q) parts.push(`q=${encodeURIComponent(options.q)}`);
  return parts.join('&');
}

/** Addresses are ids, digits, "-", "_" and "/"; "/" is allowed unescaped in a query. */
function encodeAddress(address: string): string {
  return encodeURIComponent(address).replace(/%2F/gi, '/');
}

export function readViewOptions(search: string | URLSearchParams): ViewOptions {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const options: ViewOptions = {};
  const node = params.get('node');
  if (node) options.node = node;
  if (params.has('diff') && params.get('diff') !== '0') options.diff = true;
  const expand = params.get('expand');
  if (expand === 'all') options.expand = 'all';
  else if (expand) options.expand = expand.split(',').filter((a) => a !== '');
  const q = params.get('q');
  if (q) options.q = q;
  return options;
}
