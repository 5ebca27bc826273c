/**
 * Why a download of weights failed, was cancelled or was refused (runtime/loading/download.ts), and why a
 * weights base URL is refused (runtime/loading/sources.ts), as codes: their English (their parameters are in
 * failure-detail.ts), gathered by failure-words-areas.ts for runtime/failure-words.ts.
 */
import type { DownloadFailureParams, FailureWords } from './failure-detail.ts';

export const downloadFailureWords: Pick<FailureWords, keyof DownloadFailureParams> = {
  'download.gave-up': ({ cause, attempts }, word) => `${word(cause)} (gave up after ${attempts} attempts)`,
  'download.not-found': ({ label, url, status }) => `${label}: not found at ${url} (the server answered ${status})`,
  'download.http': ({ label, url, status }) => `${label}: the server answered ${status} for ${url}`,
  'download.no-body': ({ label, url }) => `${label}: the server sent no body for ${url}`,
  'download.not-continued': ({ label }) => `${label}: the server's resumed response does not continue the same file`,
  'download.too-large': ({ label, size, max }) => `${label}: ${size} is larger than the ${max} allowed`,
  'download.over-limit': ({ label, max }) => `${label}: more than the ${max} allowed`,
  'download.more-than-announced': ({ label, size }) => `${label}: the server sent more than the ${size} it announced`,
  'download.truncated': ({ label, received, total }) => `${label}: the download stopped at ${received} of ${total}`,
  'download.network': ({ label, url, detail }) => `${label}: network failure fetching ${url} (${detail})`,
  'download.cancelled': ({ label }) => `${label}: download cancelled`,
  'download.stalled': ({ label, url, seconds, received, total }) => {
    const where =
      received === undefined ? 'before the response' : `at ${received}${total !== undefined ? ` of ${total}` : ''}`;
    return (
      `${label}: the server stopped sending (nothing for ${seconds} s, ${where}) from ${url}; it may be overloaded or ` +
      'stuck: try again later, or use another download source'
    );
  },
  'download.not-published': ({ label, url, sha256, expected }) =>
    `${label}: the file from ${url} has SHA-256 ${sha256}, ` +
    `not the published ${expected}: it is not the published file (it was replaced, or altered on the way)`,
  'download.altered': ({ label, url, sha256, stated }) =>
    `${label}: the file from ${url} has SHA-256 ${sha256}, not ${stated} ` +
    'as the server states: it was altered or mixed with another file on the way',
  'loading.cancelled': ({ label }) => `${label}: loading cancelled`,

  'base-url.not-a-url': ({ url, example }) => `weights base URL "${url}" is not a URL (expected e.g. ${example})`,
  'base-url.scheme': ({ url }) => `weights base URL "${url}" must start with https:// or http://`,
  'base-url.credentials': ({ url }) =>
    `weights base URL "${url}" must not contain a user name or password; use a mirror that needs no sign-in`,
  'base-url.insecure': ({ url }) =>
    `weights base URL "${url}" must use https:// (plain http:// only for this computer: localhost or 127.0.0.1)`,
  'base-url.query': ({ url }) => `weights base URL "${url}" must not have a query or fragment`,
};
