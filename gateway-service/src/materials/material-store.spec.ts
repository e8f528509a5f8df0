import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MaterialStore, sha256Of } from './material-store';

describe('MaterialStore', () => {
  it('stores files under their SHA-256 and notices a copy changed on disk', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tongban-materials-'));
    const store = new MaterialStore(root);
    const bytes = Buffer.from('%PDF-1.4 form');
    const stored = await store.put(bytes, 'application/pdf');
    expect(stored).toMatchObject({ sha256: sha256Of(bytes), size: bytes.length, mediaType: 'application/pdf' });
    expect(await store.get(stored.sha256)).toMatchObject({ verified: true, mediaType: 'application/pdf' });
    writeFileSync(join(root, stored.sha256.slice(0, 2), stored.sha256), 'changed');
    expect(await store.get(stored.sha256)).toMatchObject({ verified: false });
    expect(await store.get('0'.repeat(64))).toBeUndefined();
  });
});
