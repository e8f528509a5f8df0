/**
 * The staff member's key, made and kept in this browser: WebCrypto P-256,
 * not extractable, stored in IndexedDB with the certificate the city's CA
 * issued for it. Signatures are WebCrypto's (it hashes with SHA-256), turned
 * into the low-S DER Fabric accepts.
 */
import { certificationRequest } from '../../../src/signing/certification-request';
import { p1363ToLowSDer } from '../../../src/signing/ecdsa-signature';

export interface Identity {
  staffId: string;
  mspId: string;
  certificate: string;
  privateKey: CryptoKey;
}

const DATABASE = 'tongban-staff';
const STORE = 'identities';

function database(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(DATABASE, 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore(STORE, { keyPath: 'staffId' });
    opening.onsuccess = () => {
      resolve(opening.result);
    };
    opening.onerror = () => {
      reject(opening.error ?? new Error('IndexedDB cannot be opened'));
    };
  });
}

async function inStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await database();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = work(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(request.error ?? new Error('IndexedDB refused the request'));
      };
    });
  } finally {
    db.close();
  }
}

export const listIdentities = (): Promise<Identity[]> => inStore('readonly', (store) => store.getAll() as IDBRequest<Identity[]>);
export const saveIdentity = (identity: Identity): Promise<IDBValidKey> => inStore('readwrite', (store) => store.put(identity));
export const forgetIdentity = (staffId: string): Promise<undefined> => inStore('readwrite', (store) => store.delete(staffId));

/** Signs `bytes` (ECDSA P-256 with SHA-256): DER, low S. */
export async function signBytes(privateKey: CryptoKey, bytes: Uint8Array): Promise<Uint8Array> {
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, bytes as BufferSource);
  return p1363ToLowSDer(new Uint8Array(signature));
}

/** A new key pair whose private half cannot leave the browser, and the certification request for it. */
export async function newKeyWithRequest(staffId: string): Promise<{ privateKey: CryptoKey; certificateRequest: string }> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  // A public key is always exportable, whatever `extractable` says of the pair.
  const publicKeyInfo = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const certificateRequest = await certificationRequest(staffId, publicKeyInfo, (data) => signBytes(pair.privateKey, data));
  return { privateKey: pair.privateKey, certificateRequest };
}
