// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileButton } from './FileButton.tsx';

afterEach(cleanup);

describe('FileButton', () => {
  it('hands over the files chosen, then forgets them so that the same file chosen again is a change too', () => {
    const onFiles = vi.fn();
    render(
      <FileButton label="Choose photos to classify" accept="image/*" multiple onFiles={onFiles}>
        Choose photos
      </FileButton>,
    );
    const input = screen.getByLabelText('Choose photos to classify') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.accept).toBe('image/*');
    expect(input.multiple).toBe(true);
    expect(screen.getByText('Choose photos').getAttribute('for')).toBe(input.id);
    const photos = [new File(['a'], 'a.jpg', { type: 'image/jpeg' }), new File(['b'], 'b.jpg', { type: 'image/jpeg' })];
    fireEvent.change(input, { target: { files: photos } });
    expect(onFiles).toHaveBeenCalledWith(photos);
    expect(input.value).toBe('');
    // A choice of nothing (the list emptied) calls nobody.
    fireEvent.change(input, { target: { files: [] } });
    expect(onFiles).toHaveBeenCalledTimes(1);
  });

  it('chooses a folder, and is drawn disabled when it is', () => {
    render(
      <FileButton folder multiple disabled onFiles={() => undefined}>
        Choose a folder
      </FileButton>,
    );
    const input = screen.getByLabelText('Choose a folder') as HTMLInputElement;
    expect(input.hasAttribute('webkitdirectory')).toBe(true);
    expect(input.disabled).toBe(true);
    expect(screen.getByText('Choose a folder').className).toBe('button disabled');
  });
});
