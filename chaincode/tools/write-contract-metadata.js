/**
 * Writes dist/contract-metadata.json: the chaincode's getMetadata (made by
 * fabric-chaincode-node from the built contracts), completed with what the
 * @Property decorators cannot say: which fields every record has, and the
 * values an enumerated field takes. The gateway's OpenAPI document takes its
 * response schemas from this file, so each record is described once.
 */
const { execFileSync } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');

// fabric-contract-api logs every decorator it applies at info.
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'warning';
const root = path.resolve(__dirname, '..');
const target = path.join(root, 'dist', 'contract-metadata.json');
const records = require(path.join(root, 'dist', 'records'));
const { AGREEMENT_STATUSES, CASE_STATUSES, RESULT_STATUSES, ROLES, VERDICTS } = require(path.join(root, 'dist', 'domain'));

/** Fields typed with a domain union, which reaches getMetadata as a plain string. */
const ENUMS = {
  Agreement: { status: AGREEMENT_STATUSES },
  CaseRecord: { status: CASE_STATUSES },
  TimelineEntry: { from: CASE_STATUSES, to: CASE_STATUSES, role: ROLES },
  ResultRecord: { status: RESULT_STATUSES },
  ResultVerification: { verdict: VERDICTS },
};

execFileSync(require.resolve('fabric-shim/cli'), ['metadata', 'generate', '--module-path', root, '--file', target], { stdio: 'ignore' });
const metadata = JSON.parse(readFileSync(target, 'utf8'));

/** getMetadata names a record by its bare name inside schemas; OpenAPI needs the component path. */
const withComponentRefs = (schema) =>
  JSON.parse(JSON.stringify(schema), (key, value) => (key === '$ref' && !value.startsWith('#') ? `#/components/schemas/${value}` : value));

for (const [name, schema] of Object.entries(metadata.components.schemas)) {
  const RecordClass = records[name];
  if (!RecordClass) throw new Error(`record ${name} is not exported by src/records.ts`);
  // A field is required when a new record already has a value for it; optional fields are declared without one.
  const blank = new RecordClass();
  const completed = withComponentRefs(schema);
  delete completed.$id;
  completed.required = Object.keys(completed.properties).filter((field) => blank[field] !== undefined);
  for (const [field, values] of Object.entries(ENUMS[name] ?? {})) completed.properties[field].enum = [...values];
  metadata.components.schemas[name] = completed;
}
writeFileSync(target, `${JSON.stringify(metadata, null, 2)}\n`);
