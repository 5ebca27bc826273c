/** A trained network on the classify page: what it is, whether it is loaded, and the ways on. */
import { Link } from 'wouter';
import { trainedFileId } from '../../model/trained.ts';
import { useMessages } from '../i18n/messages.ts';
import { networksText } from '../i18n/networks.ts';
import { useSay } from '../i18n/said.ts';
import { trainedText } from '../i18n/trained.ts';
import { trainedHref } from '../routes.ts';
import type { TrainedView } from './networks-state.ts';
import { BACKEND_TITLES } from './names.ts';
import './networks.css';

export function TrainedCard({ view, onClose }: { view: TrainedView; onClose: () => void }) {
  const t = useMessages(trainedText);
  const say = useSay(networksText);
  const state = view.state;
  const title = state?.title ?? view.network;
  return (
    <section
      className="weights-card card trained-card"
      data-network={view.network}
      aria-label={`${t.trainedNetwork}: ${title}`}
    >
      <h3>{title}</h3>
      {view.loading && <p role="status">{t.loading}</p>}
      {view.error && (
        <p className="error" role="alert">
          {t.failed(say(view.error))}
        </p>
      )}
      {state?.loaded && <p>{t.ready(BACKEND_TITLES[state.loaded.backend], state.classes.length, state.inputSize)}</p>}
      {state && <p className="meta">{t.classes(state.classes)}</p>}
      <p className="actions">
        <Link href={trainedHref(trainedFileId(view.network))}>{t.explore}</Link>{' '}
        <button type="button" className="link" onClick={onClose}>
          {t.close}
        </button>
      </p>
    </section>
  );
}
