/**
 * The home page's list of trained networks opened in this browser, and the picker that opens one more
 * (a .safetensors file the lab or `inception-explorer train --save` wrote). Opening reads only the file's
 * header (no TensorFlow.js) and keeps the file; the explorer then draws it at /trained/<id>.
 */
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { errorRate } from '../format.ts';
import { useMessages } from '../i18n/messages.ts';
import { trainedText } from '../i18n/trained.ts';
import type { Locale } from '../i18n/locale.ts';
import { useLocale } from '../i18n/useLocale.ts';
import { CLASSIFY, trainedHref } from '../routes.ts';
import { trainedLibrary, type TrainedListing } from './library.ts';
import { FileButton } from '../shell/FileButton.tsx';

/** A file that could not be opened: its failure, said in either language. */
interface Failed {
  say: (locale: Locale) => string;
}

async function failedWith(error: unknown): Promise<Failed> {
  const [{ failureDetailOf, wordFailure }, { failuresText }] = await Promise.all([
    import('../../runtime/failure-words.ts'),
    import('../i18n/failures.ts'),
  ]);
  const detail = failureDetailOf(error);
  return { say: (locale) => wordFailure(failuresText[locale], detail) };
}

export function TrainedNetworks() {
  const t = useMessages(trainedText);
  const [, navigate] = useLocation();
  const [listing, setListing] = useState<TrainedListing[]>([]);
  // What is happening to a file opened, as data: worded with the words in force when shown. (The failures'
  // words are loaded when a file fails: they would weigh on the home page's first load.)
  const [status, setStatus] = useState<{ tone: 'info'; opening: string } | { tone: 'error'; failed: Failed }>();
  const { locale } = useLocale();
  useEffect(() => {
    const library = trainedLibrary();
    let current = true;
    const read = () =>
      void library.list().then(
        (list) => current && setListing(list),
        () => undefined,
      );
    read();
    const unsubscribe = library.subscribe(read);
    return () => {
      current = false;
      unsubscribe();
    };
  }, []);

  const open = async (file: File) => {
    setStatus({ tone: 'info', opening: file.name });
    try {
      const entry = await trainedLibrary().open(file, file.name);
      setStatus(undefined);
      navigate(trainedHref(entry.id));
    } catch (error) {
      setStatus({ tone: 'error', failed: await failedWith(error) });
    }
  };

  return (
    <section className="trained-networks" aria-labelledby="trained-networks-heading">
      <h2 id="trained-networks-heading">{t.heading}</h2>
      <p className="lede">{t.lede}</p>
      <p>
        <FileButton label={t.openLabel} accept=".safetensors" onFiles={([file]) => void open(file)}>
          {t.open}
        </FileButton>
      </p>
      {status && (
        <p
          className={status.tone === 'error' ? 'problem' : 'empty'}
          role={status.tone === 'error' ? 'alert' : 'status'}
        >
          {status.tone === 'info' ? t.opening(status.opening) : t.failed(status.failed.say(locale))}
        </p>
      )}
      {listing.length === 0 ? (
        <p className="empty">
          {t.none}
          {trainedLibrary().persistent ? '' : ` ${t.notKept}`}
        </p>
      ) : (
        <ul className="trained-list">
          {listing.map((entry) => {
            const title = t.title(entry.header.network.title);
            const { data, epoch, step } = entry.header.training;
            const error = entry.testError === undefined ? undefined : errorRate(entry.testError * 100);
            return (
              <li key={entry.id} data-trained={entry.id}>
                <Link href={trainedHref(entry.id)} aria-label={t.exploreLabel(title)}>
                  {title}
                </Link>{' '}
                <span className="detail empty">
                  {entry.fileName} · {t.summary(data, epoch, step, error)}
                </span>{' '}
                <Link href={`${CLASSIFY}?trained=${entry.id}`}>{t.classify}</Link>{' '}
                <button
                  type="button"
                  className="link"
                  aria-label={t.forgetLabel(title)}
                  onClick={() => void trainedLibrary().forget(entry.id)}
                >
                  {t.forget}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
