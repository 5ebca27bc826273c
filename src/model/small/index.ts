/** Small networks derived from the released definitions (the learning lab's networks). */
export { parseSmallNetworkSpec, type SmallSpecParse } from './parse.ts';
export { baseNetwork, smallNetwork } from './small-network.ts';
export {
  SMALL_BASES,
  SMALL_DEFAULTS,
  SMALL_INPUT_SIZES,
  SMALL_NETWORK_IDS,
  SMALL_PRESETS,
  smallNetworkId,
  type SmallBase,
  type SmallInputSize,
  type SmallNetworkId,
  type SmallNetworkSpec,
} from './spec.ts';
