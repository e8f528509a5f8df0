/**
 * fabric-shim checks every parameter of every transaction against its JSON
 * schema (DataMarshall.handleParameters): per parameter and per call it puts
 * the schema together with every record schema of the contract, has ajv
 * compile it (ajv finds its cache entry by serialising all of that) and
 * serialises it twice more for debug lines, before any level check. The
 * schemas are the contract's metadata, fixed while the server runs: here each
 * parameter's schema and validator are made once, on its first call, and kept.
 * What is accepted, refused (with the same message) and passed on is unchanged.
 */
import { createRequire } from 'node:module';

interface ParameterMetadata {
  schema: { type?: string; $ref?: string };
}

interface Validator {
  (data: unknown): boolean;
  errors?: { message?: string }[] | null;
}

interface DataMarshall {
  ajv: { compile(schema: object): Validator };
  components: unknown;
  fromWireBuffer(supplied: unknown, schema: object, loggerPrefix: string): { value: unknown; validateData: unknown };
  handleParameters: (this: DataMarshall, fn: { parameters?: ParameterMetadata[] }, parameters: unknown[], loggerPrefix: string) => unknown[];
}

const CACHED = Symbol('tongban: parameter validators kept');

/** Per marshaller (one per contract), the schema and validator of each parameter's metadata. */
const checks = new WeakMap<DataMarshall, Map<ParameterMetadata, { schema: object; validate: Validator }>>();

function checkOf(marshall: DataMarshall, parameter: ParameterMetadata): { schema: object; validate: Validator } {
  let known = checks.get(marshall);
  if (!known) {
    known = new Map();
    checks.set(marshall, known);
  }
  let check = known.get(parameter);
  if (!check) {
    const schema = { properties: { prop: parameter.schema }, components: { schemas: marshall.components } };
    check = { schema, validate: marshall.ajv.compile(schema) };
    known.set(parameter, check);
  }
  return check;
}

/** Makes the shim compile each transaction parameter's schema once instead of on every call. */
export function compileParameterChecksOnce(): void {
  const marshall = createRequire(require.resolve('fabric-shim'))('./lib/contract-spi/datamarshall.js') as {
    prototype: DataMarshall & { [CACHED]?: true };
  };
  const prototype = marshall.prototype;
  if (prototype[CACHED]) {
    return;
  }
  const { handleParameters } = prototype;
  prototype[CACHED] = true;
  prototype.handleParameters = function (this: DataMarshall, fn, parameters, loggerPrefix): unknown[] {
    const expected = fn.parameters;
    // Contracts without metadata, a wrong count or a schema without a type: the shim's own handling and errors.
    if (!expected || expected.length !== parameters.length || expected.some((parameter) => !parameter.schema.type && !parameter.schema.$ref)) {
      return handleParameters.call(this, fn, parameters, loggerPrefix);
    }
    return expected.map((parameter, index) => {
      const { schema, validate } = checkOf(this, parameter);
      const { value, validateData } = this.fromWireBuffer(parameters[index], schema, loggerPrefix);
      if (!validate({ prop: validateData })) {
        throw new Error(`Unable to validate parameter due to ${JSON.stringify((validate.errors ?? []).map((error) => error.message))}`);
      }
      return value;
    });
  };
}
