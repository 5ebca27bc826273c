/**
 * What a download reads from an HTTP response's status and headers (download.ts): whether a 206 resumes
 * the same file where it stopped, the whole file's size, and the status in words.
 */

/** A 206 whose Content-Range continues the same file (same total size) exactly at `offset`. */
export function resumes(response: Response, offset: number, total: number | undefined): boolean {
  if (response.status !== 206) return false;
  const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(response.headers.get('Content-Range')?.trim() ?? '');
  return (
    range !== null &&
    Number(range[1]) === offset &&
    total !== undefined &&
    Number(range[3]) === total &&
    Number(range[2]) === total - 1
  );
}

/** The size of the whole file, unless the body is content-encoded (then Content-Length is not it). */
export function contentLength(response: Response): number | undefined {
  const encoding = response.headers.get('Content-Encoding');
  if (encoding && encoding !== 'identity') return undefined;
  const length = Number(response.headers.get('Content-Length') ?? NaN);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

/** Reason phrases of the statuses a download meets (HTTP/2 responses carry none of their own). */
const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  410: 'Gone',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** "404 Not Found". */
export function describeStatus(response: Response): string {
  const text = response.statusText || STATUS_TEXT[response.status];
  return `${response.status}${text ? ` ${text}` : ''}`;
}
