import { HttpStatus, Injectable } from '@nestjs/common';
import { Gateway, StatusCode } from '@hyperledger/fabric-gateway';
import { ApiError } from '../common/api-error';
import { toLedgerError } from '../fabric/fabric-errors';
import { FabricService } from '../fabric/fabric.service';
import { PrepareRequest } from './staff-signing.dto';
import { StaffService } from './staff.service';

/** How long a prepared transaction waits for its next signature. */
export const SIGNING_SESSION_MS = 5 * 60 * 1000;
/** Transactions in preparation at once, across all staff: beyond, new ones wait. */
export const MAX_SIGNING_SESSIONS = 1000;

type Stage = 'proposal' | 'transaction' | 'commit';

/** A transaction the gateway prepares for a staff member, message after message, each signed by them. */
interface Session {
  staffId: string;
  gateway: Gateway;
  stage: Stage;
  /** The message awaiting the staff member's signature. */
  bytes: Uint8Array;
  result?: Uint8Array;
  expiresAt: number;
}

const nameOf = (code: number) => Object.entries(StatusCode).find(([, value]) => value === code)?.[0] ?? String(code);
const decode = (bytes: Uint8Array | undefined) => (bytes && bytes.length > 0 ? Buffer.from(bytes).toString('utf8') : undefined);

/**
 * A staff member's transaction, signed by them and never by the gateway
 * (Fabric Gateway's offline signing): the gateway prepares the proposal,
 * then the transaction, then the commit status request; the member signs
 * each (`toSign`, with the key of their certificate), and the gateway sends
 * the signed message on. Only an ACTIVE member of this city's staff may start one.
 */
@Injectable()
export class StaffSigningService {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly fabric: FabricService,
    private readonly staff: StaffService,
  ) {}

  /** Prepares the proposal of `request.transaction` in the name of the certificate's holder. */
  async prepare(request: PrepareRequest): Promise<{ id: string; toSign: string }> {
    const staffId = (await this.staff.activeMemberOf(request.certificate)).id;
    this.forgetExpired();
    if (this.sessions.size >= MAX_SIGNING_SESSIONS) {
      throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'BUSY', `${MAX_SIGNING_SESSIONS} transactions await signatures; try again shortly`, {
        retryAfterSeconds: 5,
      });
    }
    const [contractName, transaction] = request.transaction.split(':');
    const gateway = this.fabric.offlineGateway(request.certificate);
    const proposal = gateway.getNetwork(this.fabric.channel).getContract(this.fabric.chaincode, contractName).newProposal(transaction, {
      arguments: request.arguments,
      transientData: request.transient,
      endorsingOrganizations: request.endorsingOrganizations,
    });
    const id = proposal.getTransactionId();
    this.sessions.set(id, { staffId, gateway, stage: 'proposal', bytes: proposal.getBytes(), expiresAt: Date.now() + SIGNING_SESSION_MS });
    return { id, toSign: Buffer.from(proposal.getDigest()).toString('base64') };
  }

  /** The signed proposal goes to the peers for endorsement; answers the transaction to sign. */
  async endorse(id: string, signature: Uint8Array): Promise<{ id: string; toSign: string; result?: string }> {
    const session = await this.sessionAt(id, 'proposal');
    const transaction = await this.fabricCall(() => session.gateway.newSignedProposal(session.bytes, signature).endorse());
    this.advance(session, 'transaction', transaction.getBytes(), transaction.getResult());
    return { id, toSign: Buffer.from(transaction.getDigest()).toString('base64'), result: decode(transaction.getResult()) };
  }

  /** The signed transaction goes to the orderers; answers the commit status request to sign. */
  async submit(id: string, signature: Uint8Array): Promise<{ id: string; toSign: string }> {
    const session = await this.sessionAt(id, 'transaction');
    const commit = await this.fabricCall(() => session.gateway.newSignedTransaction(session.bytes, signature).submit());
    this.advance(session, 'commit', commit.getBytes(), session.result);
    return { id, toSign: Buffer.from(commit.getDigest()).toString('base64') };
  }

  /** The signed commit status request: waits for the transaction's block and answers how it ended. */
  async status(id: string, signature: Uint8Array): Promise<{ id: string; committed: boolean; status: string; blockNumber: string; result?: string }> {
    const session = await this.sessionAt(id, 'commit');
    const status = await this.fabricCall(() => session.gateway.newSignedCommit(session.bytes, signature).getStatus());
    this.sessions.delete(id);
    session.gateway.close();
    return {
      id,
      committed: status.successful,
      status: nameOf(status.code),
      blockNumber: status.blockNumber.toString(),
      result: decode(session.result),
    };
  }

  /** The session of transaction `id` awaiting the signature of `stage`; its member must still be ACTIVE. */
  private async sessionAt(id: string, stage: Stage): Promise<Session> {
    this.forgetExpired();
    const session = this.sessions.get(id);
    if (!session)
      throw new ApiError(
        HttpStatus.NOT_FOUND,
        'NOT_FOUND',
        `no transaction ${id} awaits a signature here (prepared more than 5 minutes ago, or never)`,
      );
    if (session.stage !== stage)
      throw new ApiError(HttpStatus.CONFLICT, 'INVALID_STAGE', `transaction ${id} awaits the signature of its ${session.stage}, not of its ${stage}`);
    const member = await this.staff.get(session.staffId);
    if (member.status !== 'ACTIVE') {
      this.drop(id, session);
      throw new ApiError(HttpStatus.FORBIDDEN, 'STAFF_NOT_ACTIVE', `staff member ${member.id} is ${member.status}`);
    }
    return session;
  }

  private advance(session: Session, stage: Stage, bytes: Uint8Array, result: Uint8Array | undefined): void {
    Object.assign(session, { stage, bytes, result, expiresAt: Date.now() + SIGNING_SESSION_MS });
  }

  /** A Fabric call of a session: its failures become the gateway's ledger errors (a refused signature too). */
  private async fabricCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toLedgerError(error);
    }
  }

  private forgetExpired(now = Date.now()): void {
    for (const [id, session] of this.sessions) if (session.expiresAt < now) this.drop(id, session);
  }

  private drop(id: string, session: Session): void {
    this.sessions.delete(id);
    session.gateway.close();
  }
}
