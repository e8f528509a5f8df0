import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { join } from 'node:path';
import { CasesService, CaseView } from '../cases/cases.service';
import { ApiError } from '../common/api-error';
import { GatewayConfig, Role } from '../config/configuration';
import { Ledger } from '../fabric/ledger';
import { materialUnavailable, PartnerClient, PartnerFile } from '../partner/partner-client';
import { ResultsService } from '../results/results.service';
import { MaterialStore, sha256Of, StoredFile } from './material-store';

/** Leading bytes of the media types whose content can be checked cheaply. */
const SIGNATURES: Partial<Record<string, Buffer>> = {
  'application/pdf': Buffer.from('%PDF-'),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47]),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
};

/**
 * Materials and result documents: stored content-addressed by the city that
 * holds them, and fetched by partner cities only through their own gateway
 * (PartnerClient), which checks the file's SHA-256 against the ledger before
 * storing or serving it.
 */
@Injectable()
export class MaterialsService {
  private readonly logger = new Logger(MaterialsService.name);
  private readonly store: MaterialStore;
  private readonly config: GatewayConfig;

  constructor(
    private readonly ledger: Ledger,
    private readonly cases: CasesService,
    private readonly results: ResultsService,
    private readonly partners: PartnerClient,
    @Inject(ConfigService) config: ConfigService,
  ) {
    this.config = config.get<GatewayConfig>('gateway') as GatewayConfig;
    this.store = new MaterialStore(join(this.config.dataDir, 'materials'));
  }

  /** Stores an uploaded material of an application received here. */
  async upload(bytes: Buffer, mediaType: string, name: string): Promise<Omit<StoredFile, 'bytes'> & { name: string; location: string }> {
    this.checkContent(bytes, mediaType);
    const stored = await this.store.put(bytes, mediaType);
    return {
      name,
      sha256: stored.sha256,
      size: stored.size,
      mediaType,
      location: `tongban-material://${this.ledger.mspId}/${stored.sha256}`,
    };
  }

  /** A material of a case this city handles or received, fetched from the receiving city if needed. */
  async caseMaterial(role: Role, caseId: string, sha256: string): Promise<StoredFile> {
    const record = await this.cases.get(role, caseId);
    const entry = this.manifestEntry(record, sha256);
    const own = this.ledger.mspId;
    if (own !== record.receivingMsp && own !== record.handlingMsp) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'FORBIDDEN', `${own} is neither the receiving nor the handling city of case ${caseId}`);
    }
    const local = await this.store.get(sha256);
    if (local?.verified) return local;
    if (own === record.receivingMsp) {
      // Never uploaded here is the client's to mend (404); a copy that no longer matches is this city's fault (503).
      if (!local) throw new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `material ${entry.name} of case ${caseId} was never stored in this city`);
      throw materialUnavailable(`this city's copy of material ${entry.name} of case ${caseId} no longer matches its SHA-256`);
    }
    const fetched = await this.partners.fetch(
      record.receivingMsp,
      `/partner/cases/${caseId}/materials/${sha256}`,
      `material ${entry.name} of case ${caseId}`,
    );
    return this.verifyAndStore(fetched, sha256, entry.mediaType, `material ${entry.name} of case ${caseId} from ${record.receivingMsp}`);
  }

  /** For the handling city's gateway: a material of a case received here. */
  async partnerCaseMaterial(partnerMsp: string, caseId: string, sha256: string): Promise<StoredFile> {
    const record = await this.cases.get(this.ledger.readerRole, caseId);
    this.manifestEntry(record, sha256);
    if (record.receivingMsp !== this.ledger.mspId || record.handlingMsp !== partnerMsp) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN',
        `${partnerMsp} is not the handling city of case ${caseId} received by ${this.ledger.mspId}`,
      );
    }
    return this.localOrNotFound(sha256, `material of case ${caseId}`);
  }

  /** The issuing city stores the document of a result it issued; it must hash to the ledger's value. */
  async uploadResultDocument(role: Role, certificateNumber: string, bytes: Buffer, mediaType: string): Promise<Omit<StoredFile, 'bytes'>> {
    const result = await this.results.get(role, certificateNumber);
    if (result.issuingMsp !== this.ledger.mspId) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN',
        `result ${certificateNumber} was issued by ${result.issuingMsp}, not ${this.ledger.mspId}`,
      );
    }
    const actual = sha256Of(bytes);
    if (actual !== result.documentSha256) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'MATERIAL_HASH_MISMATCH',
        `the document has SHA-256 ${actual}, but result ${certificateNumber} records ${result.documentSha256}`,
      );
    }
    this.checkContent(bytes, mediaType);
    const { bytes: _stored, ...stored } = await this.store.put(bytes, mediaType);
    return stored;
  }

  /** A result document, fetched from the issuing city and checked against the ledger if not here. */
  async resultDocument(role: Role, certificateNumber: string): Promise<StoredFile> {
    const result = await this.results.get(role, certificateNumber);
    const local = await this.store.get(result.documentSha256);
    if (local?.verified) return local;
    if (result.issuingMsp === this.ledger.mspId) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `the document of result ${certificateNumber} was never stored in this city`);
    }
    const fetched = await this.partners.fetch(
      result.issuingMsp,
      `/partner/results/${certificateNumber}/document`,
      `document of result ${certificateNumber}`,
    );
    return this.verifyAndStore(
      fetched,
      result.documentSha256,
      fetched.mediaType,
      `document of result ${certificateNumber} from ${result.issuingMsp}`,
    );
  }

  /** For partner gateways: the document of a result issued here (result verification is open to the channel). */
  async partnerResultDocument(certificateNumber: string): Promise<StoredFile> {
    const result = await this.results.get(this.ledger.readerRole, certificateNumber);
    if (result.issuingMsp !== this.ledger.mspId) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `result ${certificateNumber} was not issued by ${this.ledger.mspId}`);
    }
    return this.localOrNotFound(result.documentSha256, `document of result ${certificateNumber}`);
  }

  private manifestEntry(record: CaseView, sha256: string) {
    const entry = record.manifest.materials.find((material) => material.sha256 === sha256);
    if (!entry) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `case ${record.id} has no material with SHA-256 ${sha256} in its manifest`);
    }
    return entry;
  }

  private async localOrNotFound(sha256: string, what: string): Promise<StoredFile> {
    const local = await this.store.get(sha256);
    if (!local) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `the ${what} is not in ${this.ledger.mspId}'s store`);
    }
    return local;
  }

  private async verifyAndStore(fetched: PartnerFile, expected: string, mediaType: string, what: string): Promise<StoredFile> {
    const actual = sha256Of(fetched.bytes);
    if (actual !== expected) {
      this.logger.warn(`refused ${what}: SHA-256 ${actual} instead of ${expected}`);
      throw new ApiError(
        HttpStatus.BAD_GATEWAY,
        'MATERIAL_HASH_MISMATCH',
        `the ${what} has SHA-256 ${actual}, not ${expected} as recorded on the ledger; it was refused and not stored`,
      );
    }
    return this.store.put(fetched.bytes, mediaType.split(';')[0]);
  }

  private checkContent(bytes: Buffer, mediaType: string): void {
    if (!this.config.materials.mediaTypes.includes(mediaType)) {
      throw new ApiError(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'MEDIA_TYPE_NOT_ALLOWED',
        `media type ${mediaType} is not accepted; use one of ${this.config.materials.mediaTypes.join(', ')}`,
      );
    }
    const signature = SIGNATURES[mediaType];
    if (bytes.length === 0 || (signature && !bytes.subarray(0, signature.length).equals(signature))) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'CONTENT_MISMATCH', `the file is empty or is not ${mediaType}`);
    }
  }
}
