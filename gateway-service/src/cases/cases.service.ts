import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  APPLICANT_TRANSIENT_KEY,
  applicantRefOf,
  applicantSaltOf,
  CaseAction,
  caseTransactionOf,
  CaseStatus,
  ItemRef,
  MaterialInput,
  RECEIVE,
  ResultInput,
  Role,
} from '@tongban/chaincode/domain';
import { isDeepStrictEqual } from 'node:util';
import { ApiError } from '../common/api-error';
import { GatewayConfig } from '../config/configuration';
import { decodeJson, Ledger, Writer } from '../fabric/ledger';
import { ChaincodeRefusalError } from '../fabric/ledger-errors';
import { CaseListQuery, PageQuery, ReceiveCaseRequest } from './cases.dto';

/** The public record of a case, as the chaincode returns it (fields this service reads). */
export interface CaseView {
  id: string;
  status: CaseStatus;
  receivingMsp: string;
  handlingMsp: string;
  agreementId: string;
  serviceItem: ItemRef;
  applicantRef: string;
  manifest: { version: number; materials: MaterialInput[] };
  [field: string]: unknown;
}

@Injectable()
export class CasesService {
  private readonly saltSecret: string;
  /** The network's other cities (those this gateway has a partner gateway for). */
  private readonly partnerCities: ReadonlySet<string>;

  constructor(
    private readonly ledger: Ledger,
    @Inject(ConfigService) config: ConfigService,
  ) {
    const gateway = config.get<GatewayConfig>('gateway') as GatewayConfig;
    this.saltSecret = gateway.applicantSaltSecret;
    this.partnerCities = new Set(Object.keys(gateway.partnerGateways));
  }

  /**
   * Opens a case. The applicant's personal data goes to the receiving and the
   * handling city only, as transient data; the salt of its public reference is
   * derived from the case id, so a retry of the same request yields the same case.
   * With `replay` (a retry of an attempt never answered), a case already recorded by that attempt is answered instead of 409.
   */
  async receive(writer: Writer, body: ReceiveCaseRequest, replay: boolean): Promise<{ record: CaseView; replayed: boolean }> {
    const { ownerMsp, code } = body.serviceItem;
    // Fabric would find no peer to endorse for an unknown city, and answer as if the network were down.
    if (ownerMsp !== this.ledger.mspId && !this.partnerCities.has(ownerMsp)) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `service item ${ownerMsp}/${code} not found: ${ownerMsp} is not a city of this network`);
    }
    const { applicant, ...publicPart } = body;
    const salt = applicantSaltOf(this.saltSecret, body.id);
    try {
      const bytes = await this.ledger.submit(writer, caseTransactionOf(RECEIVE.action), {
        arguments: [JSON.stringify(publicPart)],
        transient: { [APPLICANT_TRANSIENT_KEY]: JSON.stringify({ ...applicant, salt }) },
        endorsingOrganizations: [...new Set([this.ledger.mspId, body.serviceItem.ownerMsp])],
      });
      return { record: decodeJson(bytes) as CaseView, replayed: false };
    } catch (error) {
      if (!replay || !(error instanceof ChaincodeRefusalError) || error.code !== 'CONFLICT') throw error;
      const existing = await this.get(writer.role, body.id);
      const same =
        existing.receivingMsp === this.ledger.mspId &&
        existing.agreementId === body.agreementId &&
        existing.applicantRef === applicantRefOf(salt, applicant.idNumber) &&
        existing.serviceItem.ownerMsp === body.serviceItem.ownerMsp &&
        existing.serviceItem.code === body.serviceItem.code &&
        existing.manifest.version === 1 &&
        isDeepStrictEqual(existing.manifest.materials, body.materials);
      if (!same) {
        throw new ApiError(HttpStatus.CONFLICT, 'IDEMPOTENCY_MISMATCH', `case ${body.id} already exists with different content`);
      }
      return { record: existing, replayed: true };
    }
  }

  async act(writer: Writer, caseId: string, action: CaseAction, ...args: string[]): Promise<CaseView> {
    return decodeJson(await this.ledger.submit(writer, caseTransactionOf(action), { arguments: [caseId, ...args] })) as CaseView;
  }

  supplement(writer: Writer, caseId: string, materials: MaterialInput[]): Promise<CaseView> {
    return this.act(writer, caseId, 'supplement', JSON.stringify({ materials }));
  }

  issueResult(writer: Writer, caseId: string, result: ResultInput): Promise<CaseView> {
    return this.act(writer, caseId, 'issueResult', JSON.stringify(result));
  }

  async get(role: Role, caseId: string): Promise<CaseView> {
    return decodeJson(await this.ledger.evaluate(role, 'Cases:GetCase', caseId)) as CaseView;
  }

  history(role: Role, caseId: string): Promise<unknown> {
    return this.ledger.evaluate(role, 'Cases:GetCaseHistory', caseId).then(decodeJson);
  }

  /** The applicant's personal data, read from this city's own private data. */
  applicant(role: Role, caseId: string): Promise<unknown> {
    return this.ledger.evaluate(role, 'Cases:GetApplicantData', caseId).then(decodeJson);
  }

  list(role: Role, query: CaseListQuery): Promise<unknown> {
    return this.ledger
      .evaluate(
        role,
        'Cases:ListCases',
        query.receivingMsp ?? '',
        query.handlingMsp ?? '',
        query.status ?? '',
        String(query.pageSize),
        query.bookmark,
      )
      .then(decodeJson);
  }

  /** This city's accepted cases past their due time. */
  overdue(role: Role, page: PageQuery): Promise<unknown> {
    return this.ledger.evaluate(role, 'Cases:ListOverdueCases', this.ledger.mspId, String(page.pageSize), page.bookmark).then(decodeJson);
  }

  counts(role: Role): Promise<unknown> {
    return this.ledger.evaluate(role, 'Cases:CountCases').then(decodeJson);
  }
}
