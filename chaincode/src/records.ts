/**
 * Every record class the contracts read and write. Loading them makes them
 * describe themselves to getMetadata (@Object); the contracts use most of them
 * as types only, which TypeScript does not load. The build also reads them to
 * mark each record's required fields (tools/write-contract-metadata.js).
 */
export { AgreedItem, Agreement, AgreementSignature } from './agreements/agreement';
export { Applicant, CaseHistoryEntry, CasePage, CaseRecord, Manifest, MaterialEntry, ServiceItemRef, TimelineEntry } from './cases/case-record';
export { RequiredMaterial, ServiceItem } from './catalogue/service-item';
export { ImportRejection, ImportSummary, Recognition, ResultRecord, ResultVerification } from './results/result';
