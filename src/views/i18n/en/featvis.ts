/** Feature visualisation in the inspector's channel grid: the image that raises one channel. */
export const featvis = {
  heading: 'What this channel responds to',
  note: 'Gradient ascent on the input (Olah et al., 2017): from a seeded start, each step runs the network up to this layer and back, and changes the image (in a decorrelated Fourier space, seen jittered, scaled and turned a little) to raise the channel’s mean.',
  steps: 'Steps',
  start: (channel: number) => `Visualise channel ${channel}`,
  cancel: 'Cancel',
  cancelled: 'Cancelled.',
  failed: (message: string) => `The visualisation failed: ${message}`,
  waiting: 'Waiting for the network…',
  progress: (step: number, steps: number, activation: string, seconds: string) =>
    `Step ${step} of ${steps} · channel mean ${activation} · ${seconds} s per step`,
  imageAlt: (channel: number, step: number, steps: number) =>
    `The image that raises channel ${channel}, after ${step} of ${steps} steps`,
  done: (channel: number, from: string, to: string, steps: number, seconds: string, backend: string) =>
    `Channel ${channel}’s mean rose from ${from} to ${to} in ${steps} steps (${seconds} s per step on ${backend}).`,
  cached: ' Kept in this browser from an earlier run (same weights, steps and seed).',
  again: 'Again with another seed',
  seed: (seed: number) => `Seed ${seed}`,
};

export type FeatvisMessages = typeof featvis;
