/**
 * Test helper (not shipped): the app's inference session for the tests of a store, on workers the test
 * gives (the real service over a MessageChannel: fake-workers.ts), restarting after 10 ms. One session at
 * a time: opening one closes the one before, and the last is closed after each test.
 */
import { afterEach } from 'vitest';
import { InferenceSession, type StartWorker } from '../../runtime/session/inference-session.ts';

/** Call at a test file's (or a describe block's) top; the function it returns opens a session. */
export function sessionPerTest(): (start: StartWorker) => InferenceSession {
  let session: InferenceSession | undefined;
  afterEach(() => {
    session?.close();
    session = undefined;
  });
  return (start) => {
    session?.close();
    session = new InferenceSession(start, { backoffMs: 10 });
    return session;
  };
}
