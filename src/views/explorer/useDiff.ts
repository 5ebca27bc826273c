import type { NetworkDefinition } from '../../model/types.ts';
import type { DiffMark } from '../diagram/props.ts';
import type { BoxIndex } from './marks.ts';

export interface DiffState {
  /** Marks per box of the current layout. */
  boxes: ReadonlyMap<string, DiffMark>;
  /** A sentence per node address of the current variant. */
  notes: ReadonlyMap<string, string>;
  /** The readable list. */
  list: ReadonlyArray<{ mark: DiffMark; text: string; address?: string }>;
}

/** Paper-vs-released marks for the current layout (pending `diffNetworks`). */
export function useDiff(_network: NetworkDefinition, _on: boolean, _index: BoxIndex): DiffState | undefined {
  return undefined;
}
