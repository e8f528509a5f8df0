import { Contract } from 'fabric-contract-api';
import { AgreementContract } from './agreements/agreement-contract';
import { CaseContract } from './cases/case-contract';
import { CatalogueContract } from './catalogue/catalogue-contract';
import { ResultContract } from './results/result-contract';
// The record classes describe themselves to getMetadata (@Object) when loaded,
// and the contracts use them as types only, which TypeScript does not load.
import './agreements/agreement';
import './cases/case-record';
import './catalogue/service-item';
import './results/result';

export { AgreementContract, CaseContract, CatalogueContract, ResultContract };

/** The contracts the chaincode server exposes; clients call `Name:Transaction`. */
export const contracts: (new () => Contract)[] = [CatalogueContract, AgreementContract, CaseContract, ResultContract];
