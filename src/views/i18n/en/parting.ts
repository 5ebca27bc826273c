/** Two photos inside one network: picking the second, and the "where they part" chart. */
export const parting = {
  title: 'Where they part',
  compareWith: 'Compare with…',
  compared: 'Second photo ✓',
  dialog: 'A second photo to compare with',
  intro:
    'Pick a second photo (a mirror, another breed, a corrupted copy): every box then shows both, and the chart below says how alike the network sees them, block by block.',
  second: 'Second photo:',
  stop: 'Stop comparing',
  missing: 'The second photo of this link is not in this browser: pick another, or stop comparing.',
  unreadable: (message: string) => `The second photo could not be read: ${message}`,
  running: 'Comparing the two photos block by block…',
  waiting: 'Waiting for both photos to run…',
  failed: (message: string) => `The photos could not be compared: ${message}`,
  explain: 'Cosine similarity of the two photos’ outputs of each block (1: the same direction; 0: unrelated).',
  axis: 'cosine similarity',
  chartLabel: (first: string, second: string) =>
    `Cosine similarity of the outputs for ${first} and ${second}, block by block along depth`,
  point: (block: string, value: string) => `${block}: ${value}`,
  none: 'no value (an output of zeros)',
  drop: (block: string, before: string, after: string) => `Largest drop at ${block}: ${before} → ${after}.`,
  ends: (first: string, last: string) => `From ${first} at the first block to ${last} at the last.`,
  photos: (first: string, second: string) => `Left: ${first}; right: ${second}.`,
};

export type PartingMessages = typeof parting;
