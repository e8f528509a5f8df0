import { CatalogueContract } from './catalogue/catalogue-contract';

export { CatalogueContract } from './catalogue/catalogue-contract';

/** The contracts the chaincode server exposes; clients call `Name:Transaction`. */
export const contracts: (typeof CatalogueContract)[] = [CatalogueContract];
