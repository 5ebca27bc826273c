/**
 * Classify your own photos with the pretrained networks, in this browser: weights from Hugging Face (or
 * a mirror, or a file), cached for offline use; photos dropped anywhere, picked, pasted or taken from the
 * camera; top-5 per network, side by side when both are loaded. Loaded lazily as its own chunk; the
 * networks run in a Web Worker (src/runtime/worker), so the page stays responsive.
 */
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { networkHref } from '../routes.ts';
import { LIMIT, photoLibrary } from '../photos/library.ts';
import { PhotosNotKept } from '../photos/PhotosNotKept.tsx';
import { SamplePhotos } from '../photos/SamplePhotos.tsx';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import { PHONE, useMediaQuery } from '../shell/useMediaQuery.ts';
import { downloadBlob } from '../export/export.ts';
import { BackendPanel } from '../networks/BackendPanel.tsx';
import { receiveFiles } from './inbox.ts';
import { filesOf } from './inputs.ts';
import { ResultCard } from './ResultCard.tsx';
import { BACKEND_KEY, readNetworkSettings, storeSetting } from '../networks/settings.ts';
import { lastPassMs, readClassifyMode, storeClassifyMode } from './prediction-mode.ts';
import { PredictionModePicker } from './PredictionModePicker.tsx';
import { WeightsSettings } from '../networks/WeightsSettings.tsx';
import { CLASSIFIABLE_NETWORKS } from '../../runtime/worker/protocol.ts';
import { useClassify } from './useClassify.ts';
import { useNetworks } from '../networks/useNetworks.ts';
import { mergedMessages, type NetworksState } from '../networks/networks-state.ts';
import { WeightsCard } from '../networks/WeightsCard.tsx';
import { TrainedCard } from '../networks/TrainedCard.tsx';
import { trainedNetworkId } from '../../model/trained.ts';
import { Webcam } from './Webcam.tsx';
import { networkTitle } from '../networks/names.ts';
import './classify.css';
import { classifyText } from '../i18n/classify.ts';
import { networksText } from '../i18n/networks.ts';
import { useMessages } from '../i18n/messages.ts';
import { useSay } from '../i18n/said.ts';
import { weightsAdvice } from '../networks/advice.ts';
import { FileButton } from '../shell/FileButton.tsx';

export function ClassifyPage() {
  const t = useMessages(classifyText);
  const n = useMessages(networksText);
  const say = useSay(classifyText);
  const sayNetworks = useSay(networksText);
  useDocumentTitle(t.title);
  const [state, store] = useClassify();
  const [networks, networksStore] = useNetworks(store.networks);
  // Each store's messages in its own area's words, then in the order they were said.
  const messages = mergedMessages(
    networks.messages.map((m) => ({ ...m, text: sayNetworks(m.text) })),
    state.messages.map((m) => ({ ...m, text: say(m.text) })),
  );
  useEffect(() => store.setWords(t), [store, t]);
  const [camera, setCamera] = useState(false);

  useEffect(() => receiveFiles((files) => void store.addFiles(files)), [store]);
  useEffect(() => {
    // The session outlives the page: URL parameters of a later visit (?weights=, ?backend=) still apply.
    const fromUrl = readNetworkSettings(globalThis.location?.search ?? '', undefined);
    const current = networksStore.getSnapshot().settings;
    if (fromUrl.baseUrlFrom === 'url' && fromUrl.baseUrl !== current.baseUrl) networksStore.setBaseUrl(fromUrl.baseUrl);
    if (fromUrl.backendFrom === 'url' && fromUrl.backend !== current.backend)
      void networksStore.setBackend(fromUrl.backend);
    const search = globalThis.location?.search ?? '';
    if (/[?&](crops|ensemble)(=|&|$)/.test(search)) store.setMode(readClassifyMode(search, undefined));
  }, [store, networksStore]);
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const files = filesOf(event.clipboardData);
      if (files.length === 0) return;
      event.preventDefault();
      void store.addFiles(files);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [store]);

  const phone = useMediaQuery(PHONE);
  const anyLoaded = networksStore.loadedNetworks().length > 0;
  // /classify?trained=<id>: a trained network opened in this browser joins the page's networks.
  useEffect(() => {
    const id = new URLSearchParams(globalThis.location?.search ?? '').get('trained');
    if (id) void networksStore.openTrained(trainedNetworkId(id));
  }, [networksStore]);

  const networksSection = (
    <section key="networks" className="classify-networks" aria-labelledby="networks-heading">
      <h2 id="networks-heading">{t.networks}</h2>
      <div className="weights-cards">
        {CLASSIFIABLE_NETWORKS.map((network) => (
          <WeightsCard
            key={network}
            view={networks.weights[network]}
            baseUrl={networks.settings.baseUrl}
            onDownload={() => void networksStore.download(network)}
            onFile={(file) => void networksStore.loadFile(network, file)}
            onCancel={() => networksStore.cancelLoad(network)}
            onForget={() => void networksStore.forget(network)}
            onLoadWhereItFits={() => void networksStore.loadWhereItFits(network)}
            onExportOnnx={async () => {
              const file = await networksStore.exportOnnx(network);
              if (file) downloadBlob(file.blob, file.fileName);
            }}
          />
        ))}
        {Object.values(networks.trained).map((view) => (
          <TrainedCard key={view.network} view={view} onClose={() => networksStore.closeTrained(view.network)} />
        ))}
        <section className="weights-card card unavailable" data-network="inception-resnet-v1" aria-label={t.v1Weights}>
          {/* i18n-ignore: a network's name */}
          <h3>Inception-ResNet-v1</h3>
          <p>
            {t.v1NoWeights} <Link href={networkHref('inception-resnet-v1', 'paper')}>{t.v1Explore}</Link>
            {t.v1Instead}
          </p>
        </section>
      </div>
      <WeightsSettings state={networks} store={networksStore} />
      <BackendPanel
        state={networks}
        onChoose={(choice) => {
          storeSetting(globalThis.localStorage, BACKEND_KEY, choice === 'auto' ? undefined : choice);
          void networksStore.setBackend(choice);
        }}
      />
    </section>
  );
  const photos = (
    <section key="photos" className="classify-photos" aria-labelledby="photos-heading">
      <h2 id="photos-heading">{t.photos}</h2>
      <KeptPhotosNote />
      <PredictionModePicker
        mode={state.mode}
        loaded={CLASSIFIABLE_NETWORKS.filter((n) => networks.weights[n].state?.loaded).length}
        passMs={lastPassMs(state.photos)}
        onChange={(mode) => {
          storeClassifyMode(globalThis.localStorage, mode);
          store.setMode(mode);
        }}
      />
      <div className="photo-input">
        <p>
          {t.dropHint}{' '}
          <FileButton
            label={t.choosePhotosLabel}
            accept="image/*"
            multiple
            onFiles={(files) => void store.addFiles(files)}
          >
            {t.choosePhotos}
          </FileButton>{' '}
          {!camera && (
            <button
              type="button"
              onClick={() => setCamera(true)}
              disabled={!anyLoaded}
              title={anyLoaded ? undefined : t.loadFirst}
            >
              {t.useCamera}
            </button>
          )}
        </p>
        <SamplePhotos onPick={(file) => void store.addFiles([file])} />
      </div>
      {camera && <Webcam store={store} onClose={() => setCamera(false)} />}

      <StandInNotice state={networks} />
      <div className="results">
        {state.photos.map((photo) => (
          <ResultCard
            key={photo.id}
            photo={photo}
            onRemove={() => store.removePhoto(photo.id)}
            onCancel={() => store.cancelPhoto(photo.id)}
          />
        ))}
      </div>
    </section>
  );

  return (
    <div className="page classify">
      <h1>{t.title}</h1>
      <p className="lede">{t.lede}</p>

      {messages.length > 0 && (
        <ul className="messages">
          {messages.map((m) => (
            // The live region is inside the item: a list item may not take role alert or status (axe: list).
            <li key={m.id} className={m.tone}>
              <div role={m.tone === 'error' ? 'alert' : 'status'}>
                {m.advice && <Advice text={weightsAdvice(m.advice.reason, m.advice.network, n)} />}
                <span className="detail">{m.text}</span>{' '}
                <button
                  type="button"
                  className="quiet"
                  onClick={() => store.dismissMessage(m.id)}
                  aria-label={t.dismiss}
                >
                  ×
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}

      {/* On a phone the photos come first: the picker is what a visitor came for, not 1400 px down. */}
      {phone ? [photos, networksSection] : [networksSection, photos]}
    </div>
  );
}

/** Which loaded networks run on stand-in weights (make-weights' files): their predictions mean nothing. */
function StandInNotice({ state }: { state: NetworksState }) {
  const t = useMessages(networksText).weights;
  const standIn = CLASSIFIABLE_NETWORKS.filter((network) => state.weights[network].state?.loaded?.standIn);
  if (standIn.length === 0) return null;
  const titles = standIn.map(networkTitle).join(', ');
  return (
    <p className="problem stand-in-notice">
      <strong>{t.standInNotice(titles)}</strong>
    </p>
  );
}

/** Photos are kept in this browser for looking inside later: say so, and let the reader forget them. */
function KeptPhotosNote() {
  const [forgotten, setForgotten] = useState(false);
  const t = useMessages(classifyText);
  return (
    <>
      <p className="meta">
        {t.kept(LIMIT)}{' '}
        {forgotten ? (
          t.forgotten
        ) : (
          <button
            type="button"
            className="link"
            onClick={() =>
              void photoLibrary()
                .clear()
                .then(() => setForgotten(true))
            }
          >
            {t.forget}
          </button>
        )}
      </p>
      <PhotosNotKept />
    </>
  );
}

export default ClassifyPage;

/** What to do, before the detail of a message (nothing where the detail says it all). */
function Advice({ text }: { text: string | undefined }) {
  return text ? (
    <>
      <strong className="advice">{text}</strong>
      <br />
    </>
  ) : null;
}
