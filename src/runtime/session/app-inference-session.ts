/**
 * The ONE accessor of the app's inference session. Every view folder that talks to the worker (classify,
 * and the explorer's lazily loaded inside views) goes through it, so there is one worker, one owner of
 * its life and one set of loaded networks. The worker starts the first time this is called.
 */
import { startBrowserWorker } from './browser-worker.ts';
import { InferenceSession } from './inference-session.ts';

let session: InferenceSession | undefined;

export function inferenceSession(): InferenceSession {
  session ??= new InferenceSession(startBrowserWorker);
  return session;
}
