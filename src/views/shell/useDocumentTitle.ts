import { useEffect } from 'react';

/** Sets the tab title: "<page> · Inception Explorer". */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Inception Explorer` : 'Inception Explorer';
  }, [title]);
}
