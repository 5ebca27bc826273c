/**
 * A failure of something asked of the inference worker while looking inside (a run, a layer's output,
 * class maps), with "Try again", which asks again everything that failed: nothing stays stuck on a
 * message, whatever went wrong (a worker that stopped and was not started again says to reload).
 */
import { insideText } from '../i18n/inside.ts';
import { useMessages } from '../i18n/messages.ts';
import { useInside } from './useInside.ts';

export function InsideProblem({ message, className = 'problem' }: { message: string; className?: string }) {
  const [, store] = useInside();
  const t = useMessages(insideText);
  return (
    <p className={`${className} inside-problem`} role="alert">
      {message}{' '}
      <button type="button" className="link" onClick={() => store.retry()}>{t.tryAgain}</button>
    </p>
  );
}
