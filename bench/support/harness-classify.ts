/**
 * A photo classified on the harness page's inference worker (src/testing/harness/modules/inference.ts), as
 * the look-inside benches do before they look inside it.
 */
import type { Page } from '@playwright/test';
import type { ClassifiableNetwork } from '../../src/runtime/worker/protocol.ts';
import type { ClassifyTimings } from '../../src/testing/harness/modules/inference.ts';
import { callHarness } from '../../src/testing/pages/harness-page.ts';

/** A photo as the harness takes it: its file name and its bytes in base64. */
export interface HarnessPhoto {
  name: string;
  data: string;
}

/** Classifies `photo` with `network` (with `slot`: kept for its look inside); the network's inference time. */
export async function classifyOnHarness(
  page: Page,
  photo: HarnessPhoto,
  network: ClassifiableNetwork,
  slot?: string,
): Promise<number> {
  const timings = await callHarness<ClassifyTimings>(
    page,
    'inference',
    'classify',
    photo.data,
    photo.name,
    [network],
    slot,
  );
  return timings.results[0].inferenceMs;
}
