// The Chromium binary the tests use: $CHROMIUM_PATH, else Playwright's own browser when installed,
// else Debian's /usr/bin/chromium. Returns undefined when there is none.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // Playwright has no browser registry entry here; fall through to the system browser.
  }
  candidates.push('/usr/bin/chromium', '/usr/bin/chromium-browser');
  return candidates.find((path) => path && existsSync(path));
}

/** Flags for headless Chromium in a closed network, with WebGPU enabled (SwiftShader without a GPU). */
export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
