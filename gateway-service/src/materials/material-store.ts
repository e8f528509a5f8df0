import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A file in the store, found by its SHA-256. */
export interface StoredFile {
  sha256: string;
  size: number;
  mediaType: string;
  bytes: Buffer;
}

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The city's material store: files kept content-addressed under their SHA-256
 * (`<root>/<first two hex digits>/<sha256>`), each with its media type beside it.
 * Reads re-hash the file and say whether it still matches, so that a copy
 * changed on disk is not taken for the original.
 */
export class MaterialStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(bytes: Buffer, mediaType: string): Promise<StoredFile> {
    const sha256 = sha256Of(bytes);
    const path = this.pathOf(sha256);
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
    // Write beside, then rename: a reader never sees half a file.
    await writeFile(`${path}.tmp`, bytes);
    await rename(`${path}.tmp`, path);
    await writeFile(`${path}.json`, JSON.stringify({ mediaType, size: bytes.length }));
    return { sha256, size: bytes.length, mediaType, bytes };
  }

  /**
   * The file stored under `sha256`, or undefined if there is none. `verified`
   * is false when its content no longer hashes to `sha256`.
   */
  async get(sha256: string): Promise<(StoredFile & { verified: boolean }) | undefined> {
    const path = this.pathOf(sha256);
    try {
      const [bytes, meta] = await Promise.all([readFile(path), readFile(`${path}.json`, 'utf8')]);
      const { mediaType } = JSON.parse(meta) as { mediaType: string };
      return { sha256, size: bytes.length, mediaType, bytes, verified: sha256Of(bytes) === sha256 };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}
