import { MemoryLedger } from '../../test/support/memory-context';
import {
  actorOf,
  APPLICANT,
  as,
  caseInput,
  CITIES,
  COMPLETE_MATERIALS,
  contracts,
  driveTo,
  FOSHAN,
  HAIDIAN,
  material,
  pathTo,
  perform,
  receiveCase,
  ROLES,
  seedAgreement,
  TIANJIN,
} from '../../test/support/scenario';
import { CASE_ACTIONS, CASE_STATUSES, pairCollection, readCaseEventPayload, transitionFrom } from '../domain';
import { CaseRecord } from './case-record';

const { cases } = contracts;

describe('CaseContract', () => {
  let seeded: MemoryLedger;
  let ledger: MemoryLedger;

  beforeAll(async () => {
    seeded = new MemoryLedger();
    await seedAgreement(seeded);
  });

  beforeEach(() => {
    ledger = seeded.clone();
  });

  it('runs the whole lifecycle across the receiving and the handling city', async () => {
    await receiveCase(ledger, 'HD-2026-0001');
    for (const action of ['verify', 'accept', 'approve', 'issueResult', 'deliver'] as const) {
      // Decided two days after acceptance: the events carry each step's own time.
      if (action === 'approve') ledger.clock = Date.parse('2026-01-07T10:30:00.000Z');
      await ledger.run(actorOf(action), (ctx) => perform[action](ctx, 'HD-2026-0001'));
    }
    const record = await ledger.run(as(TIANJIN, 'auditor'), (ctx) => cases.GetCase(ctx, 'HD-2026-0001'));
    expect(record).toMatchObject({
      status: 'DELIVERED',
      receivingMsp: HAIDIAN,
      handlingMsp: FOSHAN,
      serviceItem: { ownerMsp: FOSHAN, code: 'FS-FOOD-001', version: 1 },
      certificateNumber: 'JY-HD-2026-0001',
      acceptedAt: '2026-01-05T09:00:00.000Z',
      dueAt: '2026-01-15T09:00:00.000Z',
    });
    expect(record.timeline.map((entry) => [entry.action, entry.from, entry.to, entry.mspId, entry.role])).toEqual([
      ['receive', undefined, 'RECEIVED', HAIDIAN, 'clerk'],
      ['verify', 'RECEIVED', 'FORWARDED', HAIDIAN, 'clerk'],
      ['accept', 'FORWARDED', 'ACCEPTED', FOSHAN, 'reviewer'],
      ['approve', 'ACCEPTED', 'APPROVED', FOSHAN, 'reviewer'],
      ['issueResult', 'APPROVED', 'RESULT_ISSUED', FOSHAN, 'reviewer'],
      ['deliver', 'RESULT_ISSUED', 'DELIVERED', HAIDIAN, 'clerk'],
    ]);
    const { subject, txId } = record.timeline[2];
    expect(subject).toContain('CN=reviewer-FoshanMSP');
    expect(txId).toEqual(expect.any(String));
    const caseEvents = ledger.events.filter((event) => event.name.startsWith('case.'));
    expect(caseEvents.map((event) => event.name)).toEqual([
      'case.receive',
      'case.verify',
      'case.accept',
      'case.approve',
      'case.issueResult',
      'case.deliver',
    ]);
    const common = {
      caseId: 'HD-2026-0001',
      receivingMsp: HAIDIAN,
      handlingMsp: FOSHAN,
      serviceItem: { ownerMsp: FOSHAN, code: 'FS-FOOD-001' },
      receivedAt: '2026-01-05T09:00:00.000Z',
    };
    expect(caseEvents[0].payload).toEqual({ ...common, status: 'RECEIVED', at: '2026-01-05T09:00:00.000Z' });
    expect(caseEvents[2].payload).toEqual({ ...common, status: 'ACCEPTED', at: '2026-01-05T09:00:00.000Z', dueAt: '2026-01-15T09:00:00.000Z' });
    const decided = { dueAt: '2026-01-15T09:00:00.000Z', decidedAt: '2026-01-07T10:30:00.000Z' };
    expect(caseEvents[3].payload).toEqual({ ...common, ...decided, status: 'APPROVED', at: '2026-01-07T10:30:00.000Z' });
    expect(caseEvents[5].payload).toEqual({ ...common, ...decided, status: 'DELIVERED', at: '2026-01-07T10:30:00.000Z' });
    for (const { payload } of caseEvents) expect(readCaseEventPayload(payload)).toEqual(payload);
  });

  it('binds the case, its indexes and its result to both cities by key-level endorsement', async () => {
    await driveTo(ledger, 'HD-2026-0002', 'RESULT_ISSUED');
    const caseKeys = [...ledger.validationParameters.keys()].filter((key) => key.includes('HD-2026-0002'));
    expect(caseKeys.length).toBeGreaterThanOrEqual(5);
    for (const key of caseKeys) {
      const policy = Buffer.from(ledger.validationParameters.get(key) as Uint8Array).toString('latin1');
      expect(policy).toContain(HAIDIAN);
      expect(policy).toContain(FOSHAN);
      expect(policy).not.toContain(TIANJIN);
    }
  });

  describe('the transition table', () => {
    const callers = CITIES.flatMap((mspId) => ROLES.map((role) => as(mspId, role)));

    it.each(CASE_STATUSES.map((status) => [status]))('from %s allows exactly the listed actions, by the listed city and role', async (status) => {
      const base = seeded.clone();
      await driveTo(base, 'HD-T', status);
      for (const action of CASE_ACTIONS) {
        const transition = transitionFrom(status, action);
        for (const caller of callers) {
          const attempt = base.clone();
          const outcome = attempt.run(caller, (ctx) => perform[action](ctx, 'HD-T'));
          const allowedCaller =
            transition && caller.role === transition.role && caller.mspId === (transition.party === 'receiving' ? HAIDIAN : FOSHAN);
          if (!transition) {
            await expect(outcome).rejects.toThrow(`[INVALID_TRANSITION] case HD-T is ${status}; ${action} is not allowed`);
          } else if (!allowedCaller) {
            await expect(outcome).rejects.toThrow(
              `[FORBIDDEN] case HD-T is ${status}; ${action} must be done by a ${transition.role} of the ${transition.party} city`,
            );
          } else {
            await expect(outcome).resolves.toMatchObject({ status: transition.to });
          }
        }
      }
    });

    it('reaches every status of the lifecycle from RECEIVED', () => {
      for (const status of CASE_STATUSES) {
        expect(() => pathTo(status)).not.toThrow();
      }
    });
  });

  describe('receive', () => {
    const receive = (target: MemoryLedger, input: unknown, transient: Record<string, unknown> = { applicant: APPLICANT }) =>
      target.run(as(HAIDIAN, 'clerk'), (ctx) => cases.Receive(ctx, JSON.stringify(input)), { transient });

    it('keeps personal data out of the public state and events, and in both cities private data', async () => {
      const record = await receiveCase(ledger, 'HD-2026-0003');
      // SHA-256 of 'salt:idNumber', worked out by hand (sha256sum) for APPLICANT.
      expect(record.applicantRef).toBe('8931c5f4feae28971b3532c622f837483305f7eb54ed78ce40ec08e3bb64b3ca');
      const publicBytes = [...ledger.state.values()].map((bytes) => Buffer.from(bytes).toString('utf8')).join('\n');
      const eventBytes = JSON.stringify(ledger.events);
      for (const secret of [APPLICANT.name, APPLICANT.idNumber, APPLICANT.phone, APPLICANT.address]) {
        expect(publicBytes).not.toContain(secret);
        expect(eventBytes).not.toContain(secret);
      }
      // One collection of the two cities, the same whichever city is named first.
      expect([...ledger.privateData.keys()]).toEqual([`pair_${FOSHAN}_${HAIDIAN}`]);
      expect(pairCollection([HAIDIAN, FOSHAN])).toBe(pairCollection([FOSHAN, HAIDIAN]));
    });

    it('gives the applicant data to the two cities of the case on their own peers only', async () => {
      await receiveCase(ledger, 'HD-2026-0004');
      const read = (mspId: string, role: string, peerMsp = mspId) =>
        ledger.run(as(mspId, role), (ctx) => cases.GetApplicantData(ctx, 'HD-2026-0004'), { peerMsp });
      // Without the salt of the applicant reference: it never leaves the store.
      const { salt: _salt, ...entered } = APPLICANT;
      expect(await read(FOSHAN, 'reviewer')).toEqual(entered);
      expect(await read(HAIDIAN, 'clerk')).toEqual(entered);
      await expect(read(TIANJIN, 'auditor')).rejects.toThrow(
        '[FORBIDDEN] TianjinMSP is neither the receiving nor the handling city of case HD-2026-0004',
      );
      await expect(read(HAIDIAN, 'clerk', FOSHAN)).rejects.toThrow('[FORBIDDEN] applicant data of case HD-2026-0004 is read on a peer of HaidianMSP');
      await expect(read(HAIDIAN, 'admin')).rejects.toThrow('[FORBIDDEN] role admin of HaidianMSP may not read applicant data');
    });

    it('refuses a second case with the same id and keeps the first', async () => {
      const first = await receiveCase(ledger, 'HD-2026-0005');
      await expect(receive(ledger, caseInput('HD-2026-0005'))).rejects.toThrow(
        '[CONFLICT] case HD-2026-0005 already exists (RECEIVED, received by HaidianMSP)',
      );
      expect(await ledger.run(as(HAIDIAN, 'clerk'), (ctx) => cases.GetCase(ctx, 'HD-2026-0005'))).toEqual(first);
    });

    it('needs an active agreement that binds both cities and covers the item', async () => {
      const fresh = new MemoryLedger();
      await fresh.run(as(FOSHAN, 'admin'), (ctx) =>
        contracts.catalogue.PublishServiceItem(
          ctx,
          JSON.stringify({ code: 'FS-FOOD-001', name: 'Food', materials: [], promisedDays: 3, resultType: 'licence' }),
        ),
      );
      const agreement = {
        id: 'AGR-2026-001',
        title: 'Not yet signed',
        parties: [HAIDIAN, FOSHAN],
        serviceItems: [{ ownerMsp: FOSHAN, code: 'FS-FOOD-001' }],
        validFrom: '2026-01-01',
        validUntil: '2026-12-31',
      };
      await fresh.run(as(HAIDIAN, 'admin'), (ctx) => contracts.agreements.ProposeAgreement(ctx, JSON.stringify(agreement)));
      await expect(receive(fresh, caseInput('HD-X'))).rejects.toThrow(
        '[PRECONDITION_FAILED] agreement AGR-2026-001 (PROPOSED, 2026-01-01 to 2026-12-31) does not cover service item FS-FOOD-001 of FoshanMSP for HaidianMSP today',
      );
      await fresh.run(as(FOSHAN, 'admin'), (ctx) => contracts.agreements.SignAgreement(ctx, 'AGR-2026-001'));
      fresh.clock = Date.parse('2027-01-01T00:00:00Z');
      await expect(receive(fresh, caseInput('HD-X'))).rejects.toThrow('[PRECONDITION_FAILED] agreement AGR-2026-001 (ACTIVE');
      expect([...fresh.state.keys()].some((key) => key.includes('HD-X'))).toBe(false);
    });

    it.each([
      [{ ...caseInput('HD-V'), id: 'bad id' }, 'id must be letters'],
      [caseInput('HD-V', { materials: [] }), 'materials must be a list of 1 to 100 items'],
      [caseInput('HD-V', { materials: [{ ...material('Form'), sha256: 'abc' }] }), 'materials[0].sha256 must be 64 lower-case hex digits (SHA-256)'],
      [caseInput('HD-V', { materials: [{ ...material('Form'), size: 0 }] }), 'materials[0].size must be an integer from 1 to'],
      [caseInput('HD-V', { materials: [{ ...material('Form'), mediaType: 'pdf' }] }), 'materials[0].mediaType must be a media type'],
      [caseInput('HD-V', { serviceItem: { ownerMsp: FOSHAN } }), 'serviceItem.code is required'],
    ])('refuses an invalid case without writing anything (%#)', async (input, message) => {
      const before = ledger.state.size;
      await expect(receive(ledger, input)).rejects.toThrow(`[INVALID_ARGUMENT] ${message}`);
      expect(ledger.state.size).toBe(before);
    });

    it.each([
      [{}, "transient field applicant with the applicant's personal data is required"],
      [{ applicant: { ...APPLICANT, idNumber: '12' } }, 'applicant.idNumber must be 6 to 32 characters long'],
      [{ applicant: { ...APPLICANT, salt: undefined } }, 'applicant.salt is required'],
    ])('refuses missing or invalid applicant data (%#)', async (transient, message) => {
      await expect(receive(ledger, caseInput('HD-P'), transient)).rejects.toThrow(`[INVALID_ARGUMENT] ${message}`);
    });

    it('refuses receipt by anyone but a clerk', async () => {
      await expect(
        ledger.run(as(HAIDIAN, 'reviewer'), (ctx) => cases.Receive(ctx, JSON.stringify(caseInput('HD-R'))), { transient: { applicant: APPLICANT } }),
      ).rejects.toThrow('[FORBIDDEN] role reviewer of HaidianMSP may not receive a case; it needs clerk');
    });
  });

  it('forwards only with every mandatory material, and versions a supplement', async () => {
    await ledger.run(
      as(HAIDIAN, 'clerk'),
      (ctx) => cases.Receive(ctx, JSON.stringify(caseInput('HD-M', { materials: [material('Application form')] }))),
      {
        transient: { applicant: APPLICANT },
      },
    );
    await expect(ledger.run(as(HAIDIAN, 'clerk'), (ctx) => cases.Verify(ctx, 'HD-M'))).rejects.toThrow(
      '[PRECONDITION_FAILED] case HD-M is RECEIVED; verify needs every mandatory material, missing: Floor plan',
    );
    const supplemented = await driveTo(ledger, 'HD-S', 'SUPPLEMENT_REQUIRED').then(() =>
      ledger.run(actorOf('supplement'), (ctx) => perform.supplement(ctx, 'HD-S')),
    );
    expect(supplemented).toMatchObject({ status: 'RECEIVED', manifest: { version: 2 } });
    expect(supplemented.manifest.materials).toHaveLength(COMPLETE_MATERIALS.length + 1);
    expect(supplemented.timeline.find((entry) => entry.action === 'requestSupplement')?.reason).toBe('Floor plan is illegible');
  });

  describe('queries', () => {
    async function receiveMany(count: number, prefix: string): Promise<void> {
      for (let index = 0; index < count; index += 1) {
        await receiveCase(ledger, `${prefix}-${index.toString().padStart(3, '0')}`);
      }
    }

    it('pages through cases by receiving city with bookmarks', async () => {
      await receiveMany(25, 'HD-Q');
      const pages: CaseRecord[][] = [];
      let bookmark = '';
      do {
        const page = await ledger.run(as(HAIDIAN, 'auditor'), (ctx) => cases.ListCases(ctx, HAIDIAN, '', 'RECEIVED', '10', bookmark));
        pages.push(page.cases);
        bookmark = page.bookmark;
      } while (bookmark !== '');
      expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
      expect(new Set(pages.flat().map((record) => record.id)).size).toBe(25);
    });

    it("refuses a bookmark that is not of the list's key range, before the peer scans from it", async () => {
      await receiveMany(12, 'HD-B');
      const byReceiving = await ledger.run(as(HAIDIAN, 'auditor'), (ctx) => cases.ListCases(ctx, HAIDIAN, '', 'RECEIVED', '10', ''));
      expect(byReceiving.bookmark).not.toBe('');
      // The same bookmark given to another listing, and one made up past every key (the peer would panic on it).
      for (const foreign of [byReceiving.bookmark, '0'.repeat(1024)]) {
        await expect(ledger.run(as(FOSHAN, 'auditor'), (ctx) => cases.ListCases(ctx, '', FOSHAN, '', '10', foreign))).rejects.toThrow(
          '[INVALID_ARGUMENT] bookmark is not a bookmark of this list',
        );
        await expect(ledger.run(as(FOSHAN, 'auditor'), (ctx) => cases.ListOverdueCases(ctx, FOSHAN, '10', foreign))).rejects.toThrow(
          '[INVALID_ARGUMENT] bookmark is not a bookmark of this list',
        );
      }
      const next = await ledger.run(as(HAIDIAN, 'auditor'), (ctx) => cases.ListCases(ctx, HAIDIAN, '', 'RECEIVED', '10', byReceiving.bookmark));
      expect(next.cases).toHaveLength(2);
    });

    it('filters by handling city, by city pair and by status', async () => {
      await receiveMany(3, 'HD-F');
      await ledger.run(actorOf('verify'), (ctx) => perform.verify(ctx, 'HD-F-000'));
      const list = (receiving: string, handling: string, status: string) =>
        ledger.run(as(FOSHAN, 'auditor'), (ctx) => cases.ListCases(ctx, receiving, handling, status, '50', ''));
      expect((await list('', FOSHAN, 'FORWARDED')).cases.map((record) => record.id)).toEqual(['HD-F-000']);
      expect((await list(HAIDIAN, FOSHAN, 'RECEIVED')).cases).toHaveLength(2);
      expect((await list(TIANJIN, FOSHAN, '')).cases).toHaveLength(0);
      await expect(list('', '', '')).rejects.toThrow('[INVALID_ARGUMENT] receivingMsp or handlingMsp is required');
      await expect(list(HAIDIAN, '', 'DONE')).rejects.toThrow('[INVALID_ARGUMENT] status must be one of RECEIVED');
      await expect(ledger.run(as(FOSHAN, 'auditor'), (ctx) => cases.ListCases(ctx, HAIDIAN, '', '', '500', ''))).rejects.toThrow(
        '[INVALID_ARGUMENT] pageSize must be an integer from 1 to 100',
      );
    });

    it('lists accepted cases past their due time as overdue, and counts cases per pair and status', async () => {
      await driveTo(ledger, 'HD-O-1', 'ACCEPTED');
      await driveTo(ledger, 'HD-O-2', 'APPROVED');
      ledger.clock += 9 * 86_400_000;
      await driveTo(ledger, 'HD-O-3', 'ACCEPTED');
      const overdue = (days: number) => {
        ledger.clock = Date.parse('2026-01-05T09:00:00.000Z') + days * 86_400_000;
        return ledger.run(as(FOSHAN, 'auditor'), (ctx) => cases.ListOverdueCases(ctx, FOSHAN, '10', ''));
      };
      expect((await overdue(9)).cases).toEqual([]);
      expect((await overdue(11)).cases.map((record) => record.id)).toEqual(['HD-O-1']);
      expect((await overdue(30)).cases.map((record) => record.id)).toEqual(['HD-O-1', 'HD-O-3']);
      const counts: unknown = JSON.parse(await ledger.run(as(FOSHAN, 'auditor'), (ctx) => cases.CountCases(ctx)));
      expect(counts).toEqual({ [HAIDIAN]: { [FOSHAN]: { ACCEPTED: 2, APPROVED: 1 } } });
    });

    it('counts no cases on a ledger without any (an empty page has no metadata)', async () => {
      expect(JSON.parse(await ledger.run(as(FOSHAN, 'auditor'), (ctx) => cases.CountCases(ctx)))).toEqual({});
    });

    it('counts every case, however many pages of the index they take (2,000 exactly too)', async () => {
      for (let index = 0; index < 2_000; index += 1) await receiveCase(ledger, `HD-N-${index}`);
      expect(JSON.parse(await ledger.run(as(FOSHAN, 'auditor'), (ctx) => cases.CountCases(ctx)))).toEqual({
        [HAIDIAN]: { [FOSHAN]: { RECEIVED: 2_000 } },
      });
      for (let index = 2_000; index < 2_005; index += 1) await receiveCase(ledger, `HD-N-${index}`);
      const counts: unknown = JSON.parse(await ledger.run(as(FOSHAN, 'auditor'), (ctx) => cases.CountCases(ctx)));
      expect(counts).toEqual({ [HAIDIAN]: { [FOSHAN]: { RECEIVED: 2_005 } } });
    });

    it("returns a case's history from the ledger, newest first", async () => {
      await driveTo(ledger, 'HD-H', 'ACCEPTED');
      const history = await ledger.run(as(HAIDIAN, 'auditor'), (ctx) => cases.GetCaseHistory(ctx, 'HD-H'));
      expect(history.map((entry) => entry.record?.status)).toEqual(['ACCEPTED', 'FORWARDED', 'RECEIVED']);
    });
  });
});
