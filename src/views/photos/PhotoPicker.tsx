/**
 * The toolbar's photo picker: attach one of the recent photos (kept in this browser) or a new one to the
 * current view, to see the network's activations on it. It loads no inference code: attaching only sets
 * the URL's `photo`, and the explorer then loads what looking inside needs.
 */
import { useEffect, useRef, useState } from 'react';
import { explorerText } from '../i18n/explorer.ts';
import { useMessages } from '../i18n/messages.ts';
import { photoLibrary, type PhotoListing } from './library.ts';
import { PhotosNotKept } from './PhotosNotKept.tsx';
import { SamplePhotos } from './SamplePhotos.tsx';
import { FileButton } from '../shell/FileButton.tsx';

export interface PhotoPickerProps {
  /** The attached photo's slot. */
  slot: string | undefined;
  onPick: (slot: string | undefined) => void;
  /** Why no photo can be looked at in this view (no weights exist), if so. */
  unavailable?: string;
  /** The button's words with and without a photo, and the dialog's name, where it picks a second photo. */
  words?: { choose: string; attached: string; dialog: string };
}

export function PhotoPicker({ slot, onPick, unavailable, words }: PhotoPickerProps) {
  const [open, setOpen] = useState(false);
  const [photos, setPhotos] = useState<PhotoListing[]>([]);
  // The name of a file that is not an image: worded with the words in force when shown.
  const [notImage, setNotImage] = useState<string>();
  const panel = useRef<HTMLDivElement>(null);
  const library = photoLibrary();
  const t = { ...useMessages(explorerText).photo, ...words };
  // "Photo ✓" only for a photo this browser has (a link may name one kept on another device, or dropped).
  const [kept, setKept] = useState<string>();
  useEffect(() => {
    if (!slot) return;
    let live = true;
    const check = () =>
      void library.get(slot).then(
        (record) => live && setKept(record ? slot : undefined),
        () => undefined,
      );
    check();
    const unsubscribe = library.subscribe(check);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [slot, library]);

  useEffect(() => {
    if (!open) return;
    let live = true;
    const refresh = () =>
      void library.list().then(
        (list) => live && setPhotos(list),
        () => live && setPhotos([]),
      );
    refresh();
    const unsubscribe = library.subscribe(refresh);
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    const onDown = (event: PointerEvent) => {
      if (!panel.current?.parentElement?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    return () => {
      live = false;
      unsubscribe();
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown);
    };
  }, [open, library]);

  const pick = (next: string | undefined) => {
    setOpen(false);
    onPick(next);
  };
  const addFile = async (file: File | undefined) => {
    if (!file) return;
    setNotImage(undefined);
    if (!file.type.startsWith('image/')) {
      setNotImage(file.name);
      return;
    }
    pick(await library.add(file, file.name));
  };

  return (
    <span className="photo-picker">
      <button
        type="button"
        aria-expanded={open}
        aria-haspopup="dialog"
        disabled={unavailable !== undefined}
        title={unavailable ?? t.lookInside}
        onClick={() => setOpen(!open)}
      >
        {slot && kept === slot ? t.attached : t.choose}
      </button>
      {open && (
        <div ref={panel} className="photo-picker-panel" role="dialog" aria-label={t.dialog}>
          <p className="empty">{t.private}</p>
          {photos.length > 0 && (
            <ul className="photo-list">
              {photos.map((p) => (
                <PhotoChoice key={p.slot} photo={p} current={p.slot === slot} onPick={() => pick(p.slot)} />
              ))}
            </ul>
          )}
          <p>
            <FileButton label={t.dialog} accept="image/*" onFiles={([file]) => void addFile(file)}>
              {t.chooseFile}
            </FileButton>
            {slot && (
              <>
                {' '}
                <button type="button" onClick={() => pick(undefined)}>
                  {t.none}
                </button>
              </>
            )}
          </p>
          {notImage !== undefined && (
            <p className="problem" role="alert">
              {t.notImage(notImage)}
            </p>
          )}
          <SamplePhotos onPick={(file) => void addFile(file)} />
          <PhotosNotKept library={library} />
        </div>
      )}
    </span>
  );
}

function PhotoChoice({ photo, current, onPick }: { photo: PhotoListing; current: boolean; onPick: () => void }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    let live = true;
    let made: string | undefined;
    void photoLibrary()
      .get(photo.slot)
      .then((record) => {
        if (!live || !record) return;
        made = URL.createObjectURL(record.blob);
        setUrl(made);
      });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [photo.slot]);
  return (
    <li>
      <button type="button" aria-pressed={current} onClick={onPick} title={photo.name}>
        {url ? (
          <img src={url} alt="" width={48} height={48} />
        ) : (
          <span className="photo-placeholder" aria-hidden="true" />
        )}
        <span className="photo-label">{photo.name}</span>
      </button>
    </li>
  );
}
