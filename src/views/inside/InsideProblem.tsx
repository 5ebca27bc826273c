/**
 * A failure of something asked of the inference worker while looking inside (a run, a layer's output,
 * class maps), with "Try again", which asks again everything that failed: nothing stays stuck on a
 * message, whatever went wrong (a worker that stopped and was not started again says to reload).
 */
import { insideText } from '../i18n/inside.ts';
import { useMessages } from '../i18n/messages.ts';
import { useSayFailure } from '../i18n/said.ts';
import type { FailureDetail } from '../../runtime/failure-words.ts';
import { useInside } from './useInside.ts';

/** `message`: the failure (worded here, in the language in force), or a sentence already worded by the caller. */
export function InsideProblem({
  message,
  className = 'problem',
}: {
  message: FailureDetail | string;
  className?: string;
}) {
  const [, store] = useInside();
  const t = useMessages(insideText);
  const sayFailure = useSayFailure();
  return (
    <p className={`${className} inside-problem`} role="alert">
      {typeof message === 'string' ? message : sayFailure(message)}{' '}
      <button type="button" className="link" onClick={() => store.retry()}>
        {t.tryAgain}
      </button>
    </p>
  );
}
