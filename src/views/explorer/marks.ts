/**
 * Projection of node-level facts (selection, search matches, problems, diff marks) onto the boxes a
 * layout actually draws. A node hidden inside a rolled-up repeat or block is shown on that box; a node
 * with no box of its own inside an opened frame (a plain sequence) is not shown.
 */
import type { Box, Layout } from '../../layout/types.ts';

export interface BoxIndex {
  layout: Layout;
  /** The box standing for each node: its own box, else a synthetic one ("…#add" for a residual, "…#concat"). */
  byNode: ReadonlyMap<string, Box>;
  byAddress: ReadonlyMap<string, Box>;
}

/** Synthetic boxes that can stand for their node, most telling first. */
const STAND_INS = ['add', 'concat', 'relu'];

/** 0 for a node's own box, 1… for stand-ins, undefined for boxes that stand for no node. */
function standInRank(box: Box): number | undefined {
  if (!box.node || box.kind === 'input' || box.kind === 'output') return undefined;
  if (box.address === box.node) return 0;
  const rank = STAND_INS.indexOf(box.address.slice(box.address.indexOf('#') + 1));
  return rank < 0 ? undefined : rank + 1;
}

export function indexBoxes(layout: Layout): BoxIndex {
  const byNode = new Map<string, Box>();
  const byAddress = new Map<string, Box>();
  const ranks = new Map<string, number>();
  for (const box of layout.boxes) {
    byAddress.set(box.address, box);
    const rank = standInRank(box);
    if (rank === undefined || !box.node) continue;
    if ((ranks.get(box.node) ?? Infinity) > rank) {
      byNode.set(box.node, box);
      ranks.set(box.node, rank);
    }
  }
  return { layout, byNode, byAddress };
}

/** "inception-resnet-b/3/0" → "inception-resnet-b/3"; a stage has no parent. */
export function parentAddress(address: string): string | undefined {
  const slash = address.lastIndexOf('/');
  return slash < 0 ? undefined : address.slice(0, slash);
}

/**
 * The box showing `address`: its own (or stand-in) box, else the nearest rolled-up ancestor box. Undefined
 * when an opened frame is met first (the node is drawn inside it without a box) or nothing is drawn.
 */
export function visibleBoxFor(index: BoxIndex, address: string): Box | undefined {
  const own = index.byNode.get(address);
  if (own) return own;
  for (let a = parentAddress(address); a !== undefined; a = parentAddress(a)) {
    const box = index.byNode.get(a);
    if (box) return box.expanded ? undefined : box;
  }
  return undefined;
}

/** Box addresses to highlight for the matching node addresses. */
export function highlightBoxes(index: BoxIndex, addresses: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const address of addresses) {
    const box = visibleBoxFor(index, address);
    if (box) out.add(box.address);
  }
  return out;
}

/** Problems per box: every distinct message of the nodes it shows, one per line. */
export function problemBoxes(
  index: BoxIndex,
  problems: Iterable<{ address: string; message: string }>,
): Map<string, string> {
  const messages = new Map<string, string[]>();
  for (const { address, message } of problems) {
    const box = visibleBoxFor(index, address);
    if (!box) continue;
    const list = messages.get(box.address) ?? [];
    if (!list.includes(message)) list.push(message);
    messages.set(box.address, list);
  }
  return new Map([...messages].map(([box, list]) => [box, list.join('\n')]));
}

/**
 * Marks per box: a node's own mark on its box; a rolled-up box containing marked nodes but unmarked
 * itself shows "changed" (something inside differs).
 */
export function markBoxes<M extends string>(
  index: BoxIndex,
  marks: ReadonlyMap<string, M>,
  changed: M,
): Map<string, M> {
  const out = new Map<string, M>();
  for (const [address, mark] of marks) {
    const box = visibleBoxFor(index, address);
    if (!box) continue;
    if (box.node === address) out.set(box.address, mark);
    else if (!out.has(box.address)) out.set(box.address, changed);
  }
  // A box's own mark wins over one inherited from inside it.
  for (const [address, mark] of marks) {
    const box = index.byNode.get(address);
    if (box) out.set(box.address, mark);
  }
  return out;
}

/**
 * Opens rolled-up ancestors until `address` has a box of its own (or nothing more can be opened).
 * `layoutWith` lays the network out for an expansion.
 */
export function revealIn(
  expansion: ReadonlySet<string>,
  address: string,
  layoutWith: (expansion: ReadonlySet<string>) => Layout,
): Set<string> {
  const opened = new Set(expansion);
  for (let step = 0; step < 16; step++) {
    const index = indexBoxes(layoutWith(opened));
    const box = visibleBoxFor(index, address);
    if (!box || box.node === address || !box.expandable || box.expanded || !box.node) break;
    opened.add(box.node);
  }
  return opened;
}
