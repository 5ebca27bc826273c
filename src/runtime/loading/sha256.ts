/**
 * SHA-256 by the platform's Web Crypto (browsers in a secure context, Node ≥ 19), not a library: it is
 * native code everywhere this runs. Measured in Node 20 on the 2-core development machine: about 270 ms
 * for 213 MiB (the Inception-ResNet-v2 file) when quiet, 650–930 ms under a load average of 12
 * (`npm run bench:weights`); beside building the network (seconds) it is cheap enough to hash every
 * load and every use of a cached copy. Web Crypto digests a copy of its input: while it runs, the file
 * is held twice.
 */

/**
 * Throws unless SHA-256 can be computed here: called before any download or read, so that a page
 * without Web Crypto (not a secure context) says so at once instead of failing after the transfer.
 */
export function assertSha256Available(): SubtleCrypto {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new Error(
      'SHA-256 is not available here: Web Crypto needs a secure context (https or localhost), ' +
        'so weights cannot be verified; open the app over https (or from localhost)',
    );
  }
  return subtle;
}

/** The SHA-256 of `bytes`, as 64 lowercase hex digits. */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await assertSha256Available().digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A SHA-256 written as 64 hex digits (any case, perhaps quoted or W/-prefixed, as ETags write it), in lowercase. */
export function parseSha256(text: string | null | undefined): string | undefined {
  const match = /^(?:W\/)?"?([0-9a-fA-F]{64})"?$/.exec(text?.trim() ?? '');
  return match?.[1].toLowerCase();
}
