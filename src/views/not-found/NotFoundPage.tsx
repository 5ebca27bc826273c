import { Link } from 'wouter';
import { useMessages } from '../i18n/messages.ts';
import { shellText } from '../i18n/shell.ts';
import { HOME } from '../routes.ts';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';

export interface NotFoundProps {
  /** What is wrong with the URL; default: the page does not exist. */
  message?: string;
  back?: { href: string; label: string };
}

/** Any URL that names nothing: says what was not found and offers the closest way back. */
export function NotFoundPage({ message, back }: NotFoundProps) {
  const t = useMessages(shellText).notFound;
  useDocumentTitle(t.title);
  return (
    <div className="page not-found" role="alert" aria-live="polite">
      <h1>{t.title}</h1>
      <p className="message">{message ?? t.noPage(window.location.pathname)}</p>
      <p>
        {back && back.href !== HOME && (
          <>
            <Link className="button button-primary" href={back.href}>
              {t.backTo(back.label)}
            </Link>{' '}
          </>
        )}
        <Link className="button" href={HOME}>
          {t.allNetworks}
        </Link>
      </p>
    </div>
  );
}
