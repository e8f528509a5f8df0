import { Contract } from 'fabric-contract-api';
import { AgreementContract } from './agreements/agreement-contract';
import { CaseContract } from './cases/case-contract';
import { CatalogueContract } from './catalogue/catalogue-contract';
import { ResultContract } from './results/result-contract';
import { dropDisabledShimLogLines } from './common/shim-logging';
import './records';

dropDisabledShimLogLines();

export { AgreementContract, CaseContract, CatalogueContract, ResultContract };

/** The contracts the chaincode server exposes; clients call `Name:Transaction`. */
export const contracts: (new () => Contract)[] = [CatalogueContract, AgreementContract, CaseContract, ResultContract];
