import { ConfigService } from '@nestjs/config';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CasesService, CaseView } from '../cases/cases.service';
import { Ledger } from '../fabric/ledger';
import { PartnerClient } from '../partner/partner-client';
import { ResultsService } from '../results/results.service';
import { sha256Of } from './material-store';
import { MaterialsService } from './materials.service';

const form = Buffer.from('%PDF-1.4 application form');

/** Foshan's gateway, handling a case Haidian received: materials come from Haidian's gateway, checked against the case. */
describe('MaterialsService at the handling city', () => {
  let materials: MaterialsService;
  let fetched: Buffer;
  const fetch = jest.fn(() => Promise.resolve({ bytes: fetched, mediaType: 'application/pdf; charset=binary' }));
  const record = {
    id: 'HD-1',
    receivingMsp: 'HaidianMSP',
    handlingMsp: 'FoshanMSP',
    manifest: {
      version: 1,
      materials: [{ name: 'Application form', sha256: sha256Of(form), size: form.length, mediaType: 'application/pdf', location: 'x' }],
    },
  } as unknown as CaseView;

  beforeEach(() => {
    fetch.mockClear();
    const config = { get: () => ({ dataDir: mkdtempSync(join(tmpdir(), 'tongban-materials-')), materials: { mediaTypes: ['application/pdf'] } }) };
    materials = new MaterialsService(
      { mspId: 'FoshanMSP', readerRole: 'auditor' } as Ledger,
      { get: () => Promise.resolve(record) } as unknown as CasesService,
      {} as ResultsService,
      { fetch } as unknown as PartnerClient,
      config as unknown as ConfigService,
    );
  });

  it("fetches a material from the receiving city's gateway once, then serves its own checked copy", async () => {
    fetched = form;
    const first = await materials.caseMaterial('reviewer', 'HD-1', sha256Of(form));
    expect(first).toMatchObject({ sha256: sha256Of(form), mediaType: 'application/pdf', bytes: form });
    expect(fetch).toHaveBeenCalledWith('HaidianMSP', `/partner/cases/HD-1/materials/${sha256Of(form)}`, 'material Application form of case HD-1');
    await materials.caseMaterial('reviewer', 'HD-1', sha256Of(form));
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('refuses, and does not keep, a fetched file whose SHA-256 differs from the case manifest', async () => {
    fetched = Buffer.from('%PDF-1.4 another form');
    await expect(materials.caseMaterial('reviewer', 'HD-1', sha256Of(form))).rejects.toMatchObject({ status: 502, code: 'MATERIAL_HASH_MISMATCH' });
    await expect(materials.caseMaterial('reviewer', 'HD-1', sha256Of(form))).rejects.toMatchObject({ code: 'MATERIAL_HASH_MISMATCH' });
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

/** Haidian's gateway, which received the case: its materials are in its own store, or were never stored. */
describe('MaterialsService at the receiving city', () => {
  it('answers 404 for a material of the manifest that was never stored here (not 503: waiting mends nothing)', async () => {
    const record = {
      id: 'HD-2',
      receivingMsp: 'HaidianMSP',
      handlingMsp: 'FoshanMSP',
      manifest: { version: 1, materials: [{ name: 'Photo', sha256: sha256Of(form), size: 1, mediaType: 'application/pdf', location: 'x' }] },
    } as unknown as CaseView;
    const config = { get: () => ({ dataDir: mkdtempSync(join(tmpdir(), 'tongban-materials-')), materials: { mediaTypes: ['application/pdf'] } }) };
    const materials = new MaterialsService(
      { mspId: 'HaidianMSP', readerRole: 'auditor' } as Ledger,
      { get: () => Promise.resolve(record) } as unknown as CasesService,
      {} as ResultsService,
      {} as PartnerClient,
      config as unknown as ConfigService,
    );
    await expect(materials.caseMaterial('clerk', 'HD-2', sha256Of(form))).rejects.toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      detail: 'material Photo of case HD-2 was never stored in this city',
    });
  });
});
