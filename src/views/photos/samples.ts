/**
 * Sample photos to try at once (public/samples/, licences in public/samples/LICENSE.txt): four photos of
 * scikit-image's sample data whose subjects are ImageNet classes or near them. The service worker
 * precaches them with the app, so they work offline. A sample is given to the page as the File a picked
 * photo would be, so it goes the same way (classified, kept in this browser, looked inside).
 */
import type { SamplesMessages } from '../i18n/en/samples.ts';

export interface SamplePhoto {
  /** Its key in the catalogue's `names`, and its file under public/samples/ (`<id>.jpg`). */
  id: keyof SamplesMessages['names'];
}

/**
 * Chosen for ImageNet-1k classes: a tabby cat (tabby, tiger cat, Egyptian cat), an espresso cup (espresso,
 * cup, coffee mug), a rocket launch (missile, projectile, space shuttle), and an astronaut in her suit.
 */
export const SAMPLE_PHOTOS: readonly SamplePhoto[] = [
  { id: 'chelsea' },
  { id: 'coffee' },
  { id: 'rocket' },
  { id: 'astronaut' },
];

/** Where the app serves the samples and their licences (Vite's base, `/` by default). */
export const SAMPLES_PATH = `${import.meta.env.BASE_URL}samples/`;
export const SAMPLES_LICENCE = `${SAMPLES_PATH}LICENSE.txt`; // i18n-ignore: a file name

export const sampleUrl = (sample: SamplePhoto): string => `${SAMPLES_PATH}${sample.id}.jpg`;
export const sampleFileName = (sample: SamplePhoto): string => `${sample.id}.jpg`;

/** A sample as the File a picked photo would be (its name `<id>.jpg`); throws with the reason it failed. */
export async function sampleFile(sample: SamplePhoto, fetchImpl: typeof fetch = fetch): Promise<File> {
  const response = await fetchImpl(sampleUrl(sample));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const blob = await response.blob();
  const type = response.headers.get('Content-Type')?.split(';')[0]?.trim(); // i18n-ignore: a header's name
  if (!type?.startsWith('image/')) throw new Error(`the server sent ${type || 'no type'}, not an image`);
  return new File([blob], sampleFileName(sample), { type });
}
