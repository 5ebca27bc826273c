import { useEffect } from 'react';
import { useMessages } from '../i18n/messages.ts';
import { shellText } from '../i18n/shell.ts';

/** Sets the tab title: "<page> · Inception Explorer". */
export function useDocumentTitle(title: string | undefined): void {
  const t = useMessages(shellText);
  useEffect(() => {
    document.title = title ? t.documentTitle(title) : t.brand;
  }, [title, t]);
}
