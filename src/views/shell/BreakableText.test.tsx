// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BreakableText, urlBreakPoints } from './BreakableText.tsx';

afterEach(cleanup);

describe('BreakableText', () => {
  it("offers line breaks after a URL's punctuation only, the rest of the text untouched", () => {
    expect(urlBreakPoints('Ready: 171 MB from https://huggingface.co/timm/model.safetensors; parsed.')).toEqual([
      'Ready: 171 MB from ',
      'https:/',
      '/',
      'huggingface.',
      'co/',
      'timm/',
      'model.',
      'safetensors;',
      ' parsed.',
    ]);
    const { container } = render(
      <p>
        <BreakableText text="from http://127.0.0.1:8000/w.bin ok" />
      </p>,
    );
    expect(container.textContent).toBe('from http://127.0.0.1:8000/w.bin ok');
    expect(container.querySelectorAll('wbr').length).toBe(7);
  });
});
