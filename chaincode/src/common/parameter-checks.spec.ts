import { createRequire } from 'node:module';
import { JSONSerializer } from 'fabric-contract-api';
import { compileParameterChecksOnce } from './parameter-checks';

interface Marshall {
  ajv: { compile: (schema: object) => unknown };
  handleParameters(fn: object, parameters: Buffer[], loggerPrefix: string): unknown[];
}
type MarshallClass = (new (serializer: string, serializers: object, components: object) => Marshall) & { prototype: Marshall };

const DataMarshall = createRequire(require.resolve('fabric-shim'))('./lib/contract-spi/datamarshall.js') as MarshallClass;

describe("the shim's parameter checks, compiled once", () => {
  const components = { Reason: { $id: 'Reason', type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } };
  const receive = {
    parameters: [
      { name: 'caseJson', schema: { type: 'string' } },
      { name: 'days', schema: { type: 'number' } },
    ],
  };
  const withRecord = { parameters: [{ name: 'reason', schema: { $ref: '#/components/schemas/Reason' } }] };
  const marshall = () => new DataMarshall('jsonSerializer', { jsonSerializer: JSONSerializer }, components);
  const wire = (...values: string[]) => values.map((value) => Buffer.from(value));

  // The shim's own answers, before the change.
  const original = marshall();
  const expected = {
    values: original.handleParameters(receive, wire('{"id":"HD-1"}', '15'), 'tx'),
    record: original.handleParameters(withRecord, wire('{"text":"illegible"}'), 'tx'),
    refusal: (() => {
      try {
        original.handleParameters(withRecord, wire('{"other":1}'), 'tx');
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    })(),
  };

  beforeAll(() => {
    compileParameterChecksOnce();
  });

  it('passes on the same values and refuses the same parameters with the same message', () => {
    const changed = marshall();
    expect(changed.handleParameters(receive, wire('{"id":"HD-1"}', '15'), 'tx')).toEqual(expected.values);
    expect(changed.handleParameters(withRecord, wire('{"text":"illegible"}'), 'tx')).toEqual(expected.record);
    expect(expected.refusal).toMatch(/^Unable to validate parameter due to/);
    expect(() => changed.handleParameters(withRecord, wire('{"other":1}'), 'tx')).toThrow(expected.refusal);
    expect(() => changed.handleParameters(receive, wire('{}'), 'tx')).toThrow('Expected 2 parameters, but 1 have been supplied');
  });

  it('compiles each parameter’s schema on its first call only', () => {
    const changed = marshall();
    const compile = jest.spyOn(changed.ajv, 'compile');
    for (let call = 0; call < 5; call += 1) changed.handleParameters(receive, wire(`{"id":"HD-${call}"}`, '15'), 'tx');
    expect(compile).toHaveBeenCalledTimes(2);
  });
});
