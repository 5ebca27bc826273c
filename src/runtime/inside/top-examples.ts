/**
 * Channel examples: per channel of a node, the K images whose maximum activation in that channel is
 * largest, with the value and the cell where it was (row-major y·w + x). Fed one image at a time with
 * its per-channel maxima; the table is plain typed arrays so that it can be kept (IndexedDB, JSON) and
 * resumed. Ties keep the image added first, as a stable sort of (value, order of adding) would.
 */

/** Per channel of one image's node output: its maximum and where it is (y·w + x). */
export interface ChannelMaxima {
  max: Float32Array;
  position: Int32Array;
}

/** One of a channel's top examples. */
export interface ChannelExample {
  value: number;
  /** The image's number, as given to `add`. */
  image: number;
  y: number;
  x: number;
}

/** The table as data: `channels` rows of `k` slots; an empty slot has image -1. */
export interface TopExamplesState {
  channels: number;
  k: number;
  /** The node output's width, to turn positions into (y, x). */
  width: number;
  values: Float32Array;
  images: Int32Array;
  positions: Int32Array;
}

export class TopExamples {
  readonly state: TopExamplesState;

  constructor(channels: number, k: number, width: number, state?: TopExamplesState) {
    if (!Number.isInteger(k) || k < 1)
      throw new RangeError(`the number of examples per channel must be a whole number ≥ 1, got ${k}`);
    if (state && (state.channels !== channels || state.k !== k || state.width !== width)) {
      throw new RangeError(
        `a kept table of ${state.channels} channels × ${state.k} (width ${state.width}) does not fit ${channels} × ${k} (width ${width})`,
      );
    }
    this.state = state ?? {
      channels,
      k,
      width,
      values: new Float32Array(channels * k).fill(-Infinity),
      images: new Int32Array(channels * k).fill(-1),
      positions: new Int32Array(channels * k),
    };
  }

  /** Adds one image's maxima; returns the channels whose top K it entered. */
  add(image: number, maxima: ChannelMaxima): number[] {
    const { channels, k, values, images, positions } = this.state;
    if (maxima.max.length !== channels || maxima.position.length !== channels) {
      throw new RangeError(`expected maxima of ${channels} channels, got ${maxima.max.length}`);
    }
    const entered: number[] = [];
    for (let c = 0; c < channels; c++) {
      const v = maxima.max[c];
      if (Number.isNaN(v)) continue;
      const row = c * k;
      // The first slot it beats (strictly: an equal value added earlier stays ahead), or an empty one.
      let slot = 0;
      while (slot < k && images[row + slot] >= 0 && values[row + slot] >= v) slot++;
      if (slot === k) continue;
      values.copyWithin(row + slot + 1, row + slot, row + k - 1);
      images.copyWithin(row + slot + 1, row + slot, row + k - 1);
      positions.copyWithin(row + slot + 1, row + slot, row + k - 1);
      values[row + slot] = v;
      images[row + slot] = image;
      positions[row + slot] = maxima.position[c];
      entered.push(c);
    }
    return entered;
  }

  /** A channel's examples, best first. */
  examples(channel: number): ChannelExample[] {
    const { channels, k, width, values, images, positions } = this.state;
    if (!(Number.isInteger(channel) && channel >= 0 && channel < channels)) {
      throw new RangeError(`channel ${channel} does not exist: this node has channels 0–${channels - 1}`);
    }
    const out: ChannelExample[] = [];
    for (let slot = channel * k; slot < (channel + 1) * k && images[slot] >= 0; slot++) {
      out.push({
        value: values[slot],
        image: images[slot],
        y: Math.floor(positions[slot] / width),
        x: positions[slot] % width,
      });
    }
    return out;
  }

  /** The images that are some channel's example. */
  images(): Set<number> {
    return new Set(Array.from(this.state.images).filter((i) => i >= 0));
  }
}
