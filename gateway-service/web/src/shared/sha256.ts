/** Hashing the document where it is: WebCrypto, in the browser; the bytes go nowhere. */

/** WebCrypto's digest exists in secure contexts only (HTTPS, or this machine's own address). */
export const canHashFiles = (): boolean => window.isSecureContext;

/** The file's SHA-256 in lower-case hex, as the ledger records a document's. */
export async function sha256OfFile(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
