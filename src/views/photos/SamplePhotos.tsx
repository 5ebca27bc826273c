/**
 * A row of sample photos, one click from a result: on the classify page and in the photo picker. A click
 * fetches the sample (precached: it works offline) and hands it over as a picked File.
 */
import { useState } from 'react';
import { samplesText } from '../i18n/samples.ts';
import { useMessages } from '../i18n/messages.ts';
import { SAMPLE_PHOTOS, SAMPLES_LICENCE, sampleFile, sampleUrl, type SamplePhoto } from './samples.ts';
import './samples.css';

export interface SamplePhotosProps {
  onPick: (file: File) => void;
  /** Why the samples cannot be used now, if so (the buttons are then disabled, with this as their title). */
  unavailable?: string;
}

export function SamplePhotos({ onPick, unavailable }: SamplePhotosProps) {
  const t = useMessages(samplesText);
  const [busy, setBusy] = useState<SamplePhoto['id']>();
  // Which sample failed and why (the error's own words): worded with the words in force when shown.
  const [error, setError] = useState<{ id: SamplePhoto['id']; detail: string }>();
  const pick = async (sample: SamplePhoto) => {
    setBusy(sample.id);
    setError(undefined);
    try {
      onPick(await sampleFile(sample));
    } catch (failure) {
      setError({ id: sample.id, detail: (failure as Error).message });
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <div className="sample-photos">
      <p className="sample-heading">{t.heading}</p>
      <ul>
        {SAMPLE_PHOTOS.map((sample) => (
          <li key={sample.id}>
            <button
              type="button"
              data-sample={sample.id}
              aria-busy={busy === sample.id}
              disabled={unavailable !== undefined}
              title={unavailable ?? t.use(t.names[sample.id])}
              onClick={() => void pick(sample)}
            >
              <img src={sampleUrl(sample)} alt={t.use(t.names[sample.id])} width={64} height={64} loading="lazy" />
            </button>
          </li>
        ))}
      </ul>
      <p className="sample-licence">
        {t.licence}{' '}
        <a href={SAMPLES_LICENCE} target="_blank" rel="noreferrer">
          {t.licenceLink}
        </a>
      </p>
      {error && (
        <p className="problem" role="alert">
          {t.failed(t.names[error.id], error.detail)}
        </p>
      )}
    </div>
  );
}
