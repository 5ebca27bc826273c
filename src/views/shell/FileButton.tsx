/**
 * A button that opens the file chooser: a label drawn as a button for a file input kept out of sight (a
 * native file input cannot be styled), whose accessible name is `label`. It hands over the files chosen,
 * then forgets them, so that choosing the same file again is a change too (a file fixed and chosen again).
 */
import { useId, type ReactNode } from 'react';

export interface FileButtonProps {
  /** The button's text. */
  children: ReactNode;
  /** The input's accessible name, where the button's text alone does not say what it opens. */
  label?: string;
  /** File types offered (the input's `accept`). */
  accept?: string;
  multiple?: boolean;
  /** Chooses a folder: every file in it, named by its path in it (`webkitRelativePath`). */
  folder?: boolean;
  disabled?: boolean;
  /** Called with the files chosen, never with none. */
  onFiles: (files: File[]) => void;
}

export function FileButton({ children, label, accept, multiple, folder, disabled, onFiles }: FileButtonProps) {
  const id = useId();
  return (
    <>
      <label className={disabled ? 'button disabled' : 'button'} htmlFor={id}>
        {children}
      </label>
      <input
        id={id}
        className="visually-hidden"
        type="file"
        disabled={disabled}
        aria-label={label}
        accept={accept}
        multiple={multiple}
        {...(folder ? { webkitdirectory: '', directory: '' } : {})}
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}
