import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { getServiceItem } from '../catalogue/service-item-store';
import { Caller, callerOf, requireRole } from '../common/caller';
import { KEY_TYPES, keys } from '../common/keys';
import { createJointRecord, emitEvent, readRecord, txTime, writeRecord } from '../common/ledger';
import { conflict, forbidden, invalidTransition, parsePayload, readAgreementInput, readId, readReason } from '../domain';
import { Agreement } from './agreement';
import { getAgreement } from './agreement-store';

/** 跨省通办合作协议: proposed by one city's admin, active once every party's admin signed. */
@Info({ title: 'Agreements', description: 'Cooperation agreements between cities' })
export class AgreementContract extends Contract {
  constructor() {
    super('Agreements');
  }

  /** Proposes an agreement between the caller's city and its partners; the proposer signs it. */
  @Transaction()
  @Returns('Agreement')
  async ProposeAgreement(ctx: Context, agreementJson: string): Promise<Agreement> {
    const caller = callerOf(ctx);
    requireRole(caller, 'propose an agreement', 'admin');
    const input = readAgreementInput(parsePayload(agreementJson, 'agreement'));
    if (!input.parties.includes(caller.mspId)) {
      throw forbidden(`${caller.mspId} may not propose agreement ${input.id} without being one of its parties`);
    }
    const key = keys.agreement(ctx, input.id);
    if (await readRecord<Agreement>(ctx, key)) {
      throw conflict(`agreement ${input.id} already exists`);
    }
    for (const item of input.serviceItems) {
      await getServiceItem(ctx, item);
    }
    const at = txTime(ctx);
    const agreement: Agreement = {
      ...input,
      status: 'PROPOSED',
      proposedBy: caller.mspId,
      signatures: [signatureOf(ctx, caller, at)],
      updatedAt: at,
      updatedTxId: ctx.stub.getTxID(),
    };
    await createJointRecord(ctx, key, agreement, agreement.parties);
    for (const party of agreement.parties) {
      await createJointRecord(ctx, keys.agreementByParty(ctx, party, agreement.id), {}, agreement.parties);
    }
    emitAgreementEvent(ctx, 'agreement.propose', agreement);
    return agreement;
  }

  /** Signs a proposed agreement for the caller's city; the last signature makes it ACTIVE. */
  @Transaction()
  @Returns('Agreement')
  async SignAgreement(ctx: Context, agreementId: string): Promise<Agreement> {
    const caller = callerOf(ctx);
    const agreement = await this.forParty(ctx, caller, agreementId, 'sign');
    if (agreement.status !== 'PROPOSED') {
      throw invalidTransition(`agreement ${agreement.id} is ${agreement.status}; sign needs PROPOSED`);
    }
    if (agreement.signatures.some((signature) => signature.mspId === caller.mspId)) {
      throw conflict(`agreement ${agreement.id} is already signed by ${caller.mspId}`);
    }
    const at = txTime(ctx);
    agreement.signatures = [...agreement.signatures, signatureOf(ctx, caller, at)];
    if (agreement.parties.every((party) => agreement.signatures.some((signature) => signature.mspId === party))) {
      agreement.status = 'ACTIVE';
    }
    return this.save(ctx, agreement, at, 'agreement.sign');
  }

  /** Ends an agreement; any party's admin may. Cases already received go on. */
  @Transaction()
  @Returns('Agreement')
  async TerminateAgreement(ctx: Context, agreementId: string, reason: string): Promise<Agreement> {
    const caller = callerOf(ctx);
    const agreement = await this.forParty(ctx, caller, agreementId, 'terminate');
    const why = readReason(reason);
    if (agreement.status === 'TERMINATED') {
      throw invalidTransition(`agreement ${agreement.id} is TERMINATED; terminate needs PROPOSED or ACTIVE`);
    }
    agreement.status = 'TERMINATED';
    agreement.terminatedBy = caller.mspId;
    agreement.terminationReason = why;
    return this.save(ctx, agreement, txTime(ctx), 'agreement.terminate');
  }

  @Transaction(false)
  @Returns('Agreement')
  async GetAgreement(ctx: Context, agreementId: string): Promise<Agreement> {
    return getAgreement(ctx, agreementId);
  }

  /** Every agreement the city is a party to. */
  @Transaction(false)
  @Returns('Agreement[]')
  async ListAgreements(ctx: Context, mspId: string): Promise<Agreement[]> {
    const party = readId(mspId, 'mspId');
    const agreements: Agreement[] = [];
    for await (const entry of ctx.stub.getStateByPartialCompositeKey(KEY_TYPES.agreementByParty, [party])) {
      const { attributes } = ctx.stub.splitCompositeKey(entry.key);
      agreements.push(await getAgreement(ctx, attributes[1]));
    }
    return agreements;
  }

  private async forParty(ctx: Context, caller: Caller, agreementId: string, action: string): Promise<Agreement> {
    requireRole(caller, `${action} an agreement`, 'admin');
    const agreement = await getAgreement(ctx, agreementId);
    if (!agreement.parties.includes(caller.mspId)) {
      throw forbidden(`${caller.mspId} is not a party to agreement ${agreement.id} and may not ${action} it`);
    }
    return agreement;
  }

  private async save(ctx: Context, agreement: Agreement, at: string, event: string): Promise<Agreement> {
    agreement.updatedAt = at;
    agreement.updatedTxId = ctx.stub.getTxID();
    await writeRecord(ctx, keys.agreement(ctx, agreement.id), agreement);
    emitAgreementEvent(ctx, event, agreement);
    return agreement;
  }
}

function signatureOf(ctx: Context, caller: Caller, at: string) {
  return { mspId: caller.mspId, subject: caller.subject, signedAt: at, txId: ctx.stub.getTxID() };
}

function emitAgreementEvent(ctx: Context, name: string, agreement: Agreement): void {
  emitEvent(ctx, name, { agreementId: agreement.id, status: agreement.status, parties: agreement.parties });
}
