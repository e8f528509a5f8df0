import { MemoryLedger, TestCaller } from '../../test/support/memory-context';
import { CatalogueContract } from './catalogue-contract';

const item = {
  code: 'HD-BIZ-001',
  name: 'Business licence for individual businesses',
  materials: [
    { name: 'Application form', mandatory: true },
    { name: 'Lease contract', mandatory: false },
  ],
  promisedDays: 5,
  resultType: 'licence',
};

describe('CatalogueContract', () => {
  let ledger: MemoryLedger;
  const contract = new CatalogueContract();
  const haidianAdmin = { mspId: 'HaidianMSP', role: 'admin' };
  const publish = (caller: TestCaller, input: unknown) => ledger.run(caller, (ctx) => contract.PublishServiceItem(ctx, JSON.stringify(input)));

  beforeEach(() => {
    ledger = new MemoryLedger();
  });

  it("publishes a service item owned by the admin's city, stamped with the transaction", async () => {
    // The owner is the caller's city: a payload naming one is refused, not obeyed.
    await expect(publish(haidianAdmin, { ...item, ownerMsp: 'FoshanMSP' })).rejects.toThrow('[INVALID_ARGUMENT] ownerMsp is not a known field');
    expect(ledger.state.size).toBe(0);
    const published = await publish(haidianAdmin, item);
    expect(published).toEqual({
      ...item,
      ownerMsp: 'HaidianMSP',
      version: 1,
      updatedAt: '2026-01-05T09:00:00.000Z',
      updatedTxId: 'tx0002',
    });
    const read = await ledger.run({ mspId: 'TianjinMSP', role: 'clerk' }, (ctx) => contract.GetServiceItem(ctx, 'HaidianMSP', item.code));
    expect(read).toEqual(published);
  });

  it('requires the owning city to endorse every later change of the item', async () => {
    await publish(haidianAdmin, item);
    const [key] = [...ledger.validationParameters.keys()];
    expect(key).toBe('\u0000serviceItem\u0000HaidianMSP\u0000HD-BIZ-001\u0000');
    expect(Buffer.from(ledger.validationParameters.get(key) as Uint8Array).toString('latin1')).toContain('HaidianMSP');
  });

  it('keeps the owner and counts versions when the admin republishes', async () => {
    await publish(haidianAdmin, item);
    const second = await publish(haidianAdmin, { ...item, promisedDays: 3 });
    expect(second).toMatchObject({ version: 2, promisedDays: 3, ownerMsp: 'HaidianMSP', updatedTxId: 'tx0002' });
    expect(ledger.events).toEqual([
      { name: 'catalogue.publish', payload: { ownerMsp: 'HaidianMSP', code: item.code, version: 1 } },
      { name: 'catalogue.publish', payload: { ownerMsp: 'HaidianMSP', code: item.code, version: 2 } },
    ]);
  });

  it.each(['clerk', 'reviewer', 'auditor'])('refuses publication by a %s', async (role) => {
    await expect(publish({ mspId: 'HaidianMSP', role }, item)).rejects.toThrow(
      `[FORBIDDEN] role ${role} of HaidianMSP may not publish a service item; it needs admin`,
    );
    expect(ledger.state.size).toBe(0);
  });

  it('refuses a caller whose certificate has no Tongban role', async () => {
    await expect(publish({ mspId: 'HaidianMSP' }, item)).rejects.toThrow('[FORBIDDEN] caller of HaidianMSP has no tongban.role attribute');
  });

  it.each([
    [{ ...item, promisedDays: 0 }, 'promisedDays must be an integer from 1 to 365'],
    [{ ...item, resultType: 'award' }, 'resultType must be one of licence, certificate, permit, filing, other'],
    [{ ...item, materials: [{ name: 'Form', mandatory: 'yes' }] }, 'materials[0].mandatory must be true or false'],
    [{ ...item, materials: [item.materials[0], item.materials[0]] }, 'materials must have distinct names'],
    [{ ...item, code: 'has space' }, 'code must be letters'],
  ])('refuses an invalid item without writing anything (%#)', async (input, message) => {
    await expect(publish(haidianAdmin, input)).rejects.toThrow(`[INVALID_ARGUMENT] ${message}`);
    expect(ledger.state.size).toBe(0);
  });

  it('answers NOT_FOUND for an unknown item and lists only the asked city', async () => {
    await publish(haidianAdmin, item);
    await publish({ mspId: 'FoshanMSP', role: 'admin' }, item);
    await expect(ledger.run(haidianAdmin, (ctx) => contract.GetServiceItem(ctx, 'HaidianMSP', 'NOPE'))).rejects.toThrow(
      '[NOT_FOUND] service item NOPE of HaidianMSP does not exist',
    );
    const listed = await ledger.run(haidianAdmin, (ctx) => contract.ListCatalogue(ctx, 'FoshanMSP'));
    expect(listed.map((entry) => entry.ownerMsp)).toEqual(['FoshanMSP']);
  });
});
