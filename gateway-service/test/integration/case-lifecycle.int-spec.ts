import { Contract, EndorseError, Network } from '@hyperledger/fabric-gateway';
import { common, peer } from '@hyperledger/fabric-protos';
import { CaseToReceive, city, credentialsOf, GatewayPool, loadNetwork, receiveProposal, Role, submitRetrying } from './network';

/**
 * The case lifecycle of DOMAIN.md on the real network: Haidian receives,
 * Foshan handles, Tianjin recognises. Ids are unique per run, so the suite
 * can run again on a network that is kept up.
 */
const network = loadNetwork();
const cities = { haidian: city(network, 'haidian'), foshan: city(network, 'foshan'), tianjin: city(network, 'tianjin') };
type CityKey = keyof typeof cities;
const HAIDIAN = cities.haidian.mspId;
const FOSHAN = cities.foshan.mspId;
const TIANJIN = cities.tianjin.mspId;
const pool = new GatewayPool(network);
const run = Date.now().toString(36).toUpperCase();
const ITEM_CODE = `FS-FOOD-${run}`;
const AGREEMENT_ID = `AGR-${run}`;
const CASE_ID = `HD-${run}-1`;
const APPLICANT = {
  name: '李四',
  idNumber: '440604198805061234',
  phone: '13912345678',
  address: '佛山市禅城区祖庙路100号',
  salt: `salt${run}0123456789`,
};
const DOCUMENT = 'a1'.repeat(32);
const decode = (bytes: Uint8Array): unknown => JSON.parse(Buffer.from(bytes).toString('utf8'));
const contract = (key: CityKey, role: Role, name: string): Promise<Contract> => pool.contract(key, credentialsOf(cities[key], role), name);
const bothCities = { endorsingOrganizations: [HAIDIAN, FOSHAN] };
/** Case `id` for Foshan's item under the agreement, with the one material given. */
const caseOf = (id: string, material: CaseToReceive['material'], endorsingOrganizations = bothCities.endorsingOrganizations): CaseToReceive => ({
  id,
  item: { ownerMsp: FOSHAN, code: ITEM_CODE },
  agreement: AGREEMENT_ID,
  material,
  applicant: APPLICANT,
  endorsingOrganizations,
});

afterAll(() => {
  pool.close();
});

describe('the case lifecycle across three cities', () => {
  beforeAll(async () => {
    const catalogue = await contract('foshan', 'admin', 'Catalogue');
    await catalogue.submitTransaction(
      'PublishServiceItem',
      JSON.stringify({
        code: ITEM_CODE,
        name: 'Food business licence',
        materials: [{ name: 'Application form', mandatory: true }],
        promisedDays: 10,
        resultType: 'licence',
      }),
    );
    const agreement = {
      id: AGREEMENT_ID,
      title: 'Integration agreement',
      parties: [HAIDIAN, FOSHAN, TIANJIN],
      serviceItems: [{ ownerMsp: FOSHAN, code: ITEM_CODE }],
      validFrom: '2026-01-01',
      validUntil: '2099-12-31',
    };
    await (await contract('haidian', 'admin', 'Agreements')).submitTransaction('ProposeAgreement', JSON.stringify(agreement));
    // Each city signs through its own peer, which may not have the previous block yet: retried as the gateways do.
    await submitRetrying(await contract('foshan', 'admin', 'Agreements'), 'SignAgreement', { arguments: [AGREEMENT_ID] });
    const signed = decode(await submitRetrying(await contract('tianjin', 'admin', 'Agreements'), 'SignAgreement', { arguments: [AGREEMENT_ID] })) as {
      status: string;
    };
    expect(signed.status).toBe('ACTIVE');
  });

  it('receives, forwards, accepts, approves, issues, delivers and is recognised', async () => {
    const haidianClerk = await contract('haidian', 'clerk', 'Cases');
    const foshanReviewer = await contract('foshan', 'reviewer', 'Cases');
    const received = decode(
      await submitRetrying(
        haidianClerk,
        'Receive',
        receiveProposal(
          caseOf(CASE_ID, {
            name: 'Application form',
            sha256: 'b2'.repeat(32),
            size: 1024,
            mediaType: 'application/pdf',
            location: 'store://haidian/b2',
          }),
        ),
      ),
    ) as { status: string; applicantRef: string };
    expect(received.status).toBe('RECEIVED');
    expect(received.applicantRef).toMatch(/^[0-9a-f]{64}$/);

    await submitRetrying(haidianClerk, 'Verify', { arguments: [CASE_ID], ...bothCities });
    const accepted = decode(await submitRetrying(foshanReviewer, 'Accept', { arguments: [CASE_ID], ...bothCities })) as {
      status: string;
      dueAt: string;
      acceptedAt: string;
    };
    expect(Date.parse(accepted.dueAt) - Date.parse(accepted.acceptedAt)).toBe(10 * 86_400_000);
    await submitRetrying(foshanReviewer, 'Approve', { arguments: [CASE_ID], ...bothCities });
    await submitRetrying(foshanReviewer, 'IssueResult', {
      arguments: [CASE_ID, JSON.stringify({ certificateNumber: `JY-${run}`, documentSha256: DOCUMENT, expiresOn: '2030-12-31' })],
      ...bothCities,
    });
    const delivered = decode(await submitRetrying(haidianClerk, 'Deliver', { arguments: [CASE_ID], ...bothCities })) as {
      status: string;
      timeline: { action: string; mspId: string }[];
    };
    expect(delivered.status).toBe('DELIVERED');
    expect(delivered.timeline.map((entry) => `${entry.action}@${entry.mspId}`)).toEqual([
      `receive@${HAIDIAN}`,
      `verify@${HAIDIAN}`,
      `accept@${FOSHAN}`,
      `approve@${FOSHAN}`,
      `issueResult@${FOSHAN}`,
      `deliver@${HAIDIAN}`,
    ]);

    const tianjinResults = await contract('tianjin', 'reviewer', 'Results');
    const recognition = decode(
      await submitRetrying(tianjinResults, 'RecogniseResult', { arguments: [`JY-${run}`, AGREEMENT_ID, 'Branch registration in Tianjin'] }),
    ) as { recognisingMsp: string };
    expect(recognition.recognisingMsp).toBe(TIANJIN);
    const verification = decode(await tianjinResults.evaluateTransaction('VerifyResult', `JY-${run}`, DOCUMENT)) as { verdict: string };
    expect(verification.verdict).toBe('VALID');
    const mismatch = decode(await tianjinResults.evaluateTransaction('VerifyResult', `JY-${run}`, 'c3'.repeat(32))) as { verdict: string };
    expect(mismatch.verdict).toBe('HASH_MISMATCH');
  });

  it('gives the applicant data to Haidian and Foshan, and refuses Tianjin', async () => {
    const read = async (key: CityKey, role: Role) => (await contract(key, role, 'Cases')).evaluateTransaction('GetApplicantData', CASE_ID);
    // What was entered, without the salt of the applicant reference (it stays in the store).
    const { salt: _salt, ...entered } = APPLICANT;
    expect(decode(await read('foshan', 'reviewer'))).toEqual(entered);
    expect(decode(await read('haidian', 'auditor'))).toEqual(entered);
    const refused = await read('tianjin', 'auditor').catch((error: unknown) => error);
    expect((refused as Error).message + JSON.stringify((refused as EndorseError).details)).toContain(
      `[FORBIDDEN] ${TIANJIN} is neither the receiving nor the handling city of case ${CASE_ID}`,
    );
  });

  it('invalidates a case change endorsed by the receiving city alone, and keeps the case as it was', async () => {
    const id = `HD-${run}-2`;
    const haidianClerk = await contract('haidian', 'clerk', 'Cases');
    await submitRetrying(
      haidianClerk,
      'Receive',
      receiveProposal(
        caseOf(id, { name: 'Application form', sha256: 'b2'.repeat(32), size: 1, mediaType: 'application/pdf', location: 'store://b2' }),
      ),
    );
    const transaction = await haidianClerk.newProposal('Verify', { arguments: [id], endorsingOrganizations: [HAIDIAN] }).endorse();
    const status = await (await transaction.submit()).getStatus();
    expect(status.successful).toBe(false);
    expect(status.code).toBe(peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    const unchanged = decode(await haidianClerk.evaluateTransaction('GetCase', id)) as { status: string; timeline: unknown[] };
    expect(unchanged.status).toBe('RECEIVED');
    expect(unchanged.timeline).toHaveLength(1);
  });

  it("invalidates a case opened by the receiving city alone: the two cities' collection needs both", async () => {
    const id = `HD-${run}-3`;
    const haidianClerk = await contract('haidian', 'clerk', 'Cases');
    const material = { name: 'Application form', sha256: 'b3'.repeat(32), size: 1, mediaType: 'application/pdf', location: 'store://b3' };
    const transaction = await haidianClerk.newProposal('Receive', receiveProposal(caseOf(id, material, [HAIDIAN]))).endorse();
    const status = await (await transaction.submit()).getStatus();
    expect(status.code).toBe(peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    const absent = await haidianClerk.evaluateTransaction('GetCase', id).catch((error: unknown) => error);
    expect(JSON.stringify((absent as EndorseError).details)).toContain(`[NOT_FOUND] case ${id} does not exist`);
  });

  it('refuses a wrong-city transition with an error naming the case, status and action', async () => {
    const id = `HD-${run}-1`;
    const tianjinReviewer = await contract('tianjin', 'reviewer', 'Cases');
    const refused = await tianjinReviewer.submitTransaction('Accept', id).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(EndorseError);
    expect(JSON.stringify((refused as EndorseError).details)).toContain(
      `[INVALID_TRANSITION] case ${id} is DELIVERED; accept is not allowed from DELIVERED`,
    );
  });

  it('writes no personal data into any block of the channel', async () => {
    const channel: Network = await pool.channel('tianjin', credentialsOf(cities.tianjin, 'auditor'));
    const qscc = channel.getContract('qscc');
    const info = common.BlockchainInfo.deserializeBinary(await qscc.evaluateTransaction('GetChainInfo', network.channel));
    const secrets = [APPLICANT.name, APPLICANT.idNumber, APPLICANT.phone, APPLICANT.address].map((text) => Buffer.from(text, 'utf8'));
    let scanned = 0;
    for (let number = 0; number < info.getHeight(); number += 1) {
      const block = Buffer.from(await qscc.evaluateTransaction('GetBlockByNumber', network.channel, String(number)));
      for (const secret of secrets) {
        expect(block.includes(secret)).toBe(false);
      }
      scanned += 1;
    }
    // The blocks scanned include the ones of this suite's transactions.
    expect(scanned).toBeGreaterThan(8);
    const caseBytes = await (await contract('haidian', 'auditor', 'Cases')).evaluateTransaction('GetCase', CASE_ID);
    expect(Buffer.from(caseBytes).includes(Buffer.from(APPLICANT.idNumber))).toBe(false);
  });
});

describe('contract metadata', () => {
  it('describes every contract, its transactions and the record types', async () => {
    const system = await contract('haidian', 'auditor', 'org.hyperledger.fabric');
    const metadata = decode(await system.evaluateTransaction('GetMetadata')) as {
      contracts: Record<string, { transactions: { name: string }[] }>;
      components: { schemas: Record<string, unknown> };
    };
    const transactions = (name: string) => metadata.contracts[name].transactions.map((transaction) => transaction.name).sort();
    expect(transactions('Cases')).toEqual(
      [
        'Accept',
        'Approve',
        'CountCases',
        'Deliver',
        'GetApplicantData',
        'GetCase',
        'GetCaseHistory',
        'IssueResult',
        'ListCases',
        'ListOverdueCases',
        'Receive',
        'Refuse',
        'Reject',
        'RequestSupplement',
        'Supplement',
        'Verify',
        'Withdraw',
      ].sort(),
    );
    expect(transactions('Agreements')).toEqual(['GetAgreement', 'ListAgreements', 'ProposeAgreement', 'SignAgreement', 'TerminateAgreement']);
    expect(transactions('Results')).toEqual(['GetResult', 'ImportResults', 'ListRecognitions', 'RecogniseResult', 'RevokeResult', 'VerifyResult']);
    expect(transactions('Catalogue')).toEqual(['GetServiceItem', 'ListCatalogue', 'PublishServiceItem']);
    expect(Object.keys(metadata.components.schemas)).toEqual(
      expect.arrayContaining(['CaseRecord', 'TimelineEntry', 'Manifest', 'Agreement', 'ResultRecord', 'Recognition', 'ServiceItem']),
    );
  });
});
