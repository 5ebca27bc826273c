/**
 * The app's service worker (built by vite-plugin-pwa's injectManifest from this file):
 * - precaches the built app (pages, scripts, styles, the TF.js WASM binaries, the label files), so that
 *   after one visit the explorer, and classification with weights already in this browser's cache,
 *   work with no network;
 * - answers navigations with the precached app shell (client-side routes such as /inception-v4/paper);
 * - adds the deployment's headers (COOP/COEP, the CSP with frame-ancestors, nosniff; scripts/csp.ts) to
 *   every same-origin response it serves (see security-headers.ts): the fallback for hosts that cannot
 *   send headers;
 * - never touches cross-origin requests: the weights (171/224 MB, from Hugging Face or a mirror) go to
 *   the network and stay in the Cache Storage entry the app keeps for them (src/runtime/loading/cache.ts),
 *   never duplicated here.
 * A new version waits until the page asks it to take over ("A new version is available — Reload").
 */
import { clientsClaim } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { withSecurityHeaders } from './security-headers.ts';

// The service worker global, typed by hand: the DOM and WebWorker libraries cannot share one program.
declare const self: {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
  location: Location;
  skipWaiting(): Promise<void>;
  addEventListener(type: 'message', listener: (event: MessageEvent<{ type?: string }>) => void): void;
};

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
// The first version takes the open page at once, so that a header-less host is isolated after one reload.
clientsClaim();

addPlugins([{ handlerWillRespond: async ({ response }: { response: Response }) => withSecurityHeaders(response) }]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every route of the single-page app is index.html; the e2e harness page is a page of its own.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/harness\.html/, /^\/__/] }));

// Same-origin requests that are not precached (the CSP report endpoint of the preview server, files added
// after the build) go to the network, with the security headers added.
registerRoute(
  ({ url, request }) => url.origin === self.location.origin && request.method === 'GET',
  async ({ request }) => withSecurityHeaders(await fetch(request)),
);
