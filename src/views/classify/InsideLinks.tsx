/**
 * Under a network's result: "Look inside" (the explorer with the photo) and "Where it looks" (its class
 * maps, opened in place). Both run on the photo's centre crop, whatever mode classified it.
 */
import { lazy, Suspense, useState } from 'react';
import { Link } from 'wouter';
import type { InferenceNetwork } from '../../runtime/worker/protocol.ts';
import { classifyText } from '../i18n/classify.ts';
import { useMessages } from '../i18n/messages.ts';
import { inferenceNetworkHref } from '../routes.ts';
import { networkTitle } from '../networks/names.ts';

/** The class activation maps arrive with the inside views' chunk, when first asked for. */
const PhotoClassMaps = lazy(() => import('../inside/PhotoClassMaps.tsx').then((m) => ({ default: m.PhotoClassMaps })));

export function InsideLinks({ network, slot }: { network: InferenceNetwork; slot: string }) {
  const [looking, setLooking] = useState(false);
  const t = useMessages(classifyText).result;
  return (
    <>
      <p className="inside-links">
        <Link className="button" href={inferenceNetworkHref(network, { photo: slot })}>
          {t.lookInside(networkTitle(network))}
        </Link>{' '}
        <button type="button" aria-expanded={looking} onClick={() => setLooking(!looking)}>
          {t.whereItLooks}
        </button>
      </p>
      {looking && (
        <Suspense
          fallback={
            <p className="meta" role="status">
              {t.loading}
            </p>
          }
        >
          <PhotoClassMaps slot={slot} network={network} />
        </Suspense>
      )}
    </>
  );
}
