import { Link } from 'wouter';
import { HOME } from '../routes.ts';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';

export interface NotFoundProps {
  /** What is wrong with the URL; default: the page does not exist. */
  message?: string;
  back?: { href: string; label: string };
}

/** Any URL that names nothing: says what was not found and offers the closest way back. */
export function NotFoundPage({ message, back }: NotFoundProps) {
  useDocumentTitle('Not found');
  return (
    <div className="page not-found" role="alert" aria-live="polite">
      <h1>Not found</h1>
      <p className="message">{message ?? `There is no page at ${window.location.pathname}.`}</p>
      <p>
        {back && back.href !== HOME && <><Link className="button button-primary" href={back.href}>Back to {back.label}</Link>{' '}</>}
        <Link className="button" href={HOME}>All networks</Link>
      </p>
    </div>
  );
}
