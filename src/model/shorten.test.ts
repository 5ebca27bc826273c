import { describe, expect, it } from 'vitest';
import { shortened } from './shorten.ts';

describe('shortened', () => {
  it('keeps short text and cuts long text to its start, saying how long it was', () => {
    expect(shortened('mixed_5b')).toBe('mixed_5b');
    expect(shortened('x'.repeat(60))).toBe('x'.repeat(60));
    expect(shortened('y'.repeat(20_000))).toBe(`${'y'.repeat(60)}… (20000 characters)`);
    expect(shortened('abcdef', 3)).toBe('abc… (6 characters)');
  });
});
