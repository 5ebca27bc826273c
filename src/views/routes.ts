/**
 * Every view of the explorer is a URL, so reload, links and back/forward work:
 *
 *   /                                        home
 *   /compare[?variant=paper]                 the three networks side by side
 *   /figures, /figure/17[?network=…]         the paper's figures; /figure/N redirects to its view
 *   /classify                                classify a photo (its own chunk)
 *   /evaluate                                error rates on a labelled set (its own chunk)
 *   /learn[?networks=…&epochs=…]             train small networks side by side (its own chunk; settings in
 *                                            the query, see learn/url-settings.ts)
 *   /trained/<id>[/<block>]                  a trained network opened in this browser (its file's definition;
 *                                            id: 16 hex digits of the file's SHA-256, see trained/library.ts)
 *   /inception-resnet-v2                     → the default variant
 *   /inception-resnet-v2/released            network schema (Fig. 9 / 15)
 *   /inception-resnet-v2/paper/inception-resnet-b   one block (Figs. 3–8, 10–14, 16–19)
 *
 * Query parameters of network and block views: node=<address> (selected node), diff (paper vs released),
 * expand=<address>,… or expand=all (opened repeats and blocks), q=<search>; looking inside with a photo:
 * photo=<slot> (a photo kept in this browser), scale=<group>:<s>,… (residual scales that differ from the
 * released ones), channel=<k> (the selected node's thumbnail shows channel k instead of the mean),
 * compare=<slot> (a second photo kept in this browser, compared with the first: "where they part").
 * Routing uses wouter (2 KB, hooks over the History API, search-param hooks, a memory location for
 * component tests); this file only builds and reads URLs.
 */
import { parseResidualScales } from '../model/analysis/residual-groups.ts';
import { isTrainedNetworkId, trainedFileId } from '../model/trained.ts';
import type { InferenceNetwork, NetworkId, Variant } from '../model/types.ts';

export interface ViewOptions {
  /** Address of the selected node. */
  node?: string;
  diff?: boolean;
  /** Opened repeats/blocks of a network schema: addresses, or "all". */
  expand?: readonly string[] | 'all';
  q?: string;
  /** Slot of the attached photo in this browser's photo library. */
  photo?: string;
  /** Slot of a second photo, compared with the first (its thumbnails beside the first's). */
  compare?: string;
  /** Residual scales by group stage address, where they differ from the released network's. */
  scale?: Readonly<Record<string, number>>;
  /** Channel shown by the selected node's thumbnail (from a URL, as read: resolve.ts checks its range). */
  channel?: number;
}

export const HOME = '/';
export const COMPARE = '/compare';
export const FIGURES = '/figures';
export const CLASSIFY = '/classify';
export const EVALUATE = '/evaluate';
export const LEARN = '/learn';
export const TRAINED = '/trained';

/** Where a network's views live: a network of the app by id and variant, or a trained network by its file id. */
export interface NetworkPlace {
  id: NetworkId;
  variant: Variant;
  trained?: string;
}

export function trainedHref(id: string, options: ViewOptions = {}): string {
  return withQuery(`${TRAINED}/${id}`, options);
}

/** Where a network the worker runs is drawn: a released network's view, or a trained network's. */
export function inferenceNetworkHref(network: InferenceNetwork, options: ViewOptions = {}): string {
  return isTrainedNetworkId(network)
    ? trainedHref(trainedFileId(network), options)
    : networkHref(network, 'released', options);
}

/** The network view of a place. */
export function placeHref(place: NetworkPlace, options: ViewOptions = {}): string {
  return place.trained ? trainedHref(place.trained, options) : networkHref(place.id, place.variant, options);
}

/** A block view of a place. */
export function placeBlockHref(place: NetworkPlace, block: string, options: ViewOptions = {}): string {
  return place.trained
    ? withQuery(`${TRAINED}/${place.trained}/${encodeURIComponent(block)}`, options)
    : blockHref(place.id, place.variant, block, options);
}

/**
 * A figure of the paper; with `network`, the figure as that network has it (Fig. 15 draws both
 * Inception-ResNets, Fig. 7 the Reduction-A of all three networks).
 */
export const figureHref = (figure: number, network?: NetworkId) =>
  `/figure/${figure}${network ? `?network=${network}` : ''}`;

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
  else if (options.expand && options.expand.length > 0)
    parts.push(`expand=${options.expand.map(encodeAddress).join(',')}`);
  if (options.q) parts.push(`q=${encodeURIComponent(options.q)}`);
  if (options.photo) parts.push(`photo=${encodeURIComponent(options.photo)}`);
  if (options.compare) parts.push(`compare=${encodeURIComponent(options.compare)}`);
  const scales = Object.entries(options.scale ?? {});
  if (scales.length > 0)
    parts.push(`scale=${scales.map(([group, s]) => `${encodeURIComponent(group)}:${s}`).join(',')}`);
  if (options.channel !== undefined) parts.push(`channel=${options.channel}`);
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
  const photo = params.get('photo');
  if (photo) options.photo = photo;
  const compare = params.get('compare');
  if (compare) options.compare = compare;
  const scale = readScales(params.get('scale'));
  if (scale) options.scale = scale;
  // Kept as read (NaN where it is not a number), for the view that knows the box's channels to say what it ignores.
  const channel = params.get('channel');
  if (channel) options.channel = Number(channel);
  return options;
}

/**
 * "inception-resnet-a:0.3,inception-resnet-b:0" → { … }, read as the CLI reads --residual-scale
 * (parseResidualScales). Nothing is dropped here: a value that is not a number reads as NaN, an entry
 * without one as that entry with NaN, so that the view, which knows the network's groups, says what it
 * ignores (resolve.ts).
 */
function readScales(text: string | null): Record<string, number> | undefined {
  if (!text) return undefined;
  const { scales, malformed } = parseResidualScales(text);
  const unread = malformed.map((entry) => [entry, Number.NaN] as const);
  const all = Object.fromEntries([...Object.entries(scales), ...unread]);
  return Object.keys(all).length > 0 ? all : undefined;
}
