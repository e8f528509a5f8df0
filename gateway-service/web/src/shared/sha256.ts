/** Hashing the document where it is: WebCrypto, in the browser; the bytes go nowhere. */

/** WebCrypto's digest exists in secure contexts only (HTTPS, or this machine's own address). */
export const canHashFiles = (): boolean => window.isSecureContext;

/** The SHA-256 of bytes in lower-case hex, as the ledger records a document's or a material's. */
export async function sha256Of(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The file's SHA-256 in lower-case hex. */
export const sha256OfFile = async (file: Blob): Promise<string> => sha256Of(await file.arrayBuffer());
