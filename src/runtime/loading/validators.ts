/**
 * What a download's responses say about the file: the validator a resumed request may be joined on, and
 * the SHA-256 the server states for it.
 */
import { parseSha256 } from './sha256.ts';

/**
 * The ETag when it is strong (no W/): only a strong validator says the bytes are the same, so a resumed
 * request carries it as If-Range and its 206 must carry it back (RFC 9110 §13.1.5).
 */
export function strongValidator(response: Response): string | undefined {
  const etag = response.headers.get('ETag')?.trim();
  return etag && !etag.startsWith('W/') ? etag : undefined;
}

/**
 * The SHA-256 the server states for the file, when it states one: Hugging Face's X-Linked-Etag, or the
 * ETag (64 hex digits, as Hugging Face's resolve responses and mirrors of them give it) of a response
 * that came from the URL asked for. After a redirect the ETag is the CDN's own value, not a statement
 * about the file (Hugging Face's Xet storage is reported to send a 64-hex hash there that is not the
 * SHA-256), and Hugging Face's X-Linked-Etag is on the redirect, which fetch does not show.
 */
export function statedSha256(response: Response): string | undefined {
  return (
    parseSha256(response.headers.get('X-Linked-Etag')) ??
    (response.redirected ? undefined : parseSha256(response.headers.get('ETag')))
  );
}
