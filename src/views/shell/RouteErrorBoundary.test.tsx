// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isChunkFailure, RouteErrorBoundary } from './RouteErrorBoundary.tsx';

afterEach(cleanup);

function Throws({ message }: { message: string }): never {
  throw new Error(message);
}

describe('<RouteErrorBoundary>', () => {
  it("recognises a lazily loaded chunk that failed to arrive, in each browser's words", () => {
    expect(
      isChunkFailure(new TypeError('Failed to fetch dynamically imported module: http://x/assets/ClassifyPage-abc.js')),
    ).toBe(true);
    expect(isChunkFailure(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isChunkFailure(new TypeError('error loading dynamically imported module'))).toBe(true);
    expect(isChunkFailure(new Error('weights are gone'))).toBe(false);
  });

  it("offers a reload when a page's chunk fails, and clears on navigation", () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { rerender } = render(
      <RouteErrorBoundary resetKey="/classify">
        <Throws message="Failed to fetch dynamically imported module: x.js" />
      </RouteErrorBoundary>,
    );
    expect(screen.getByRole('alert').textContent).toContain('This page could not be loaded');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
    expect(screen.queryByText(/x\.js/)).toBeNull();
    act(() =>
      rerender(
        <RouteErrorBoundary resetKey="/">
          <p>home</p>
        </RouteErrorBoundary>,
      ),
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('home')).toBeTruthy();
  });

  it('shows any other error with its message', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <RouteErrorBoundary resetKey="/x">
        <Throws message="boom in render" />
      </RouteErrorBoundary>,
    );
    expect(screen.getByRole('alert').textContent).toContain('This page stopped with an error');
    expect(screen.getByText('boom in render')).toBeTruthy();
  });
});
