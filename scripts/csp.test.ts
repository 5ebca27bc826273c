import { describe, expect, it } from 'vitest';
import { CIFAR10_DOWNLOAD } from '../src/runtime/training/data/cifar10-download.ts';
import { cspHeader, cspMeta } from './csp.ts';

/** The sources of one directive of a serialised policy. */
function sources(policy: string, directive: string): string[] {
  const found = policy
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([name]) => name === directive);
  if (!found) throw new Error(`no ${directive} in ${policy}`);
  return found.slice(1);
}

describe('connect-src', () => {
  it("names the hosts the app downloads from: Hugging Face and CIFAR-10's home, in the header and the <meta> tag", () => {
    for (const policy of [cspHeader(), cspMeta()]) {
      const connect = sources(policy, 'connect-src');
      expect(connect).toContain('https://huggingface.co');
      expect(connect).toContain(new URL(CIFAR10_DOWNLOAD.url).origin);
      expect(new URL(CIFAR10_DOWNLOAD.url).origin).toBe('https://www.cs.toronto.edu');
    }
  });

  it('allows plain http only to this computer', () => {
    const connect = sources(cspHeader(), 'connect-src');
    expect(connect.filter((s) => s.startsWith('http:'))).toEqual(['http://localhost:*', 'http://127.0.0.1:*']);
  });
});
