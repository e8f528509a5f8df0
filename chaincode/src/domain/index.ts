/**
 * The domain vocabulary of Tongban: roles, the case lifecycle, the rules of
 * every field, the refusals and their codes, the applicant's hashes and the
 * private collections. Plain TypeScript with no Fabric or NestJS dependency:
 * the chaincode and the gateway both import it (the gateway as
 * `@tongban/chaincode/domain`), and the scripts read it from its build.
 */
export * from './agreements';
export * from './applicant';
export * from './canonical-json';
export * from './cases';
export * from './catalogue';
export * from './collections';
export * from './dates';
export * from './errors';
export * from './events';
export * from './imports';
export * from './lifecycle';
export * from './readers';
export * from './results';
export * from './roles';
export * from './rules';
