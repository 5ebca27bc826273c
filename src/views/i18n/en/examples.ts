/** Channel examples: the kept photos where a channel of the selected layer responds most. */
export const examples = {
  heading: (c: number) => `Examples for channel ${c}`,
  explain:
    'The kept photos where this channel responds most. Each crop is the part of the network’s input that the channel’s strongest cell sees (its receptive field), with the value there.',
  notIndexed: 'No photos are indexed at this layer yet.',
  none: 'No indexed photo could be read.',
  indexPhotos: 'Index the kept photos…',
  resume: 'Resume indexing',
  cancel: 'Cancel',
  indexed: (done: number, total: number) => `${done} of ${total} kept photos indexed at this layer.`,
  progress: 'Indexing the kept photos',
  cancelled: 'Indexing stopped: resume to go on from where it stopped.',
  failed: (message: string) => `Indexing stopped: ${message}`,
  crop: (rank: number, name: string, value: string, y: number, x: number) =>
    `Example ${rank}: ${name}, ${value} at cell ${y}, ${x}`,
  cell: (y: number, x: number) => `cell ${y}, ${x}`,
};

export type ExamplesMessages = typeof examples;
