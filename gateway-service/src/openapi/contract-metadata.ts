/**
 * The chaincode's own description of its records and transactions
 * (getMetadata, completed at its build: see chaincode/tools/write-contract-metadata.js).
 * The API's response schemas come from here, so a record is described once.
 */
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { readFileSync } from 'node:fs';

interface TransactionMetadata {
  name: string;
  tag: string[];
  returns?: SchemaObject;
}

interface ContractMetadata {
  contracts: Partial<Record<string, { transactions: TransactionMetadata[] }>>;
  components: { schemas: Record<string, SchemaObject> };
}

const metadata = JSON.parse(readFileSync(require.resolve('@tongban/chaincode/contract-metadata.json'), 'utf8')) as ContractMetadata;

/** The chaincode's record schemas, by name, for the document's components. */
export const RECORD_SCHEMAS: Readonly<Record<string, SchemaObject>> = metadata.components.schemas;

/** A transaction (`Contract:Name`) as the chaincode describes it; an unknown name is a programming error. */
export function transactionOf(transaction: string): { returns: SchemaObject; submits: boolean } {
  const [contract, name] = transaction.split(':');
  const found = metadata.contracts[contract]?.transactions.find((candidate) => candidate.name === name);
  if (!found?.returns) throw new Error(`the chaincode has no transaction ${transaction} that returns a value`);
  return { returns: found.returns, submits: found.tag.includes('SUBMIT') };
}
