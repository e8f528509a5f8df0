import { Contract } from 'fabric-contract-api';
import { AgreementContract } from './agreements/agreement-contract';
import { CaseContract } from './cases/case-contract';
import { CatalogueContract } from './catalogue/catalogue-contract';
import { ResultContract } from './results/result-contract';
import { parseClientCertificatesOnce } from './common/client-certificates';
import { compileParameterChecksOnce } from './common/parameter-checks';
import { dropDisabledShimLogLines } from './common/shim-logging';
import './records';

dropDisabledShimLogLines();
compileParameterChecksOnce();
parseClientCertificatesOnce();

export { AgreementContract, CaseContract, CatalogueContract, ResultContract };

/** The contracts the chaincode server exposes; clients call `Name:Transaction`. */
export const contracts: (new () => Contract)[] = [CatalogueContract, AgreementContract, CaseContract, ResultContract];
