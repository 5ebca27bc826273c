/**
 * Test support for the download tests: one 300,000-byte file served by a local WeightsServer as a
 * Hugging Face checkpoint, started before the suite, stopped after it, its faults and request log
 * cleared before each test. Call inside a `describe`.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { WeightsServer } from './weights-server.ts';

export const TEST_REPO = 'timm/test-model';
export const TEST_FILE = 'model.safetensors';
export const TEST_BYTES = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251);

export interface ServedTestModel {
  server: WeightsServer;
  /** The file's resolve URL, once the server has started. */
  url(): string;
}

export function serveTestModel(): ServedTestModel {
  const server = new WeightsServer();
  let url = '';
  beforeAll(async () => {
    await server.start();
    server.serve(TEST_REPO, TEST_FILE, { bytes: TEST_BYTES });
    url = `${server.baseUrl}/${TEST_REPO}/resolve/main/${TEST_FILE}`;
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.clearFaults();
    server.setOptions({});
    server.requests.length = 0;
  });
  return { server, url: () => url };
}
