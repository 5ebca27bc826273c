/** The sample photos offered on the classify page and in the photo picker (views/photos/samples.ts). */
export const samples = {
  heading: 'Or try a sample photo:',
  /** The button of one sample: its alt text and accessible name. */
  use: (name: string) => `Use the sample photo: ${name}`,
  names: {
    chelsea: 'a cat',
    coffee: 'a cup of coffee',
    rocket: 'a rocket launch',
    astronaut: 'an astronaut',
  },
  licence: 'Sample photos from scikit-image: CC0 (cat, coffee) and public domain (SpaceX, NASA).',
  licenceLink: 'Sources and licences',
  /** A sample that could not be read (offline before the app was ever cached, a server without it). */
  failed: (name: string, reason: string) =>
    `The sample photo ${name} could not be loaded (${reason}); reload the page, or use a photo of your own.`,
};

export type SamplesMessages = typeof samples;
