import { Object as DataType, Property } from 'fabric-contract-api';
import { invalidArgument } from '../common/errors';
import {
  asObject,
  asString,
  ID_RULE,
  Payload,
  readArray,
  readBoolean,
  readEnum,
  readInteger,
  readString,
} from '../common/readers';

export const RESULT_TYPES = ['licence', 'certificate', 'permit', 'filing', 'other'] as const;
export type ResultType = (typeof RESULT_TYPES)[number];

/** One material an applicant must (or may) hand in for a service item. */
@DataType()
export class RequiredMaterial {
  @Property('name', 'string')
  name = '';

  @Property('mandatory', 'boolean')
  mandatory = true;
}

/** A service item (事项) of one city's catalogue. */
@DataType()
export class ServiceItem {
  @Property('code', 'string')
  code = '';

  @Property('ownerMsp', 'string')
  ownerMsp = '';

  @Property('name', 'string')
  name = '';

  @Property('materials', 'RequiredMaterial[]')
  materials: RequiredMaterial[] = [];

  /** 承诺时限: working days the owning city promises from acceptance to decision. */
  @Property('promisedDays', 'number')
  promisedDays = 0;

  @Property('resultType', 'string')
  resultType: ResultType = 'licence';

  /** Starts at 1 and grows with every change the owner publishes. */
  @Property('version', 'number')
  version = 0;

  @Property('updatedAt', 'string')
  updatedAt = '';

  @Property('updatedTxId', 'string')
  updatedTxId = '';
}

/** The fields a city's admin sends when publishing a service item. */
export type ServiceItemInput = Pick<ServiceItem, 'code' | 'name' | 'materials' | 'promisedDays' | 'resultType'>;

const MATERIAL_NAME = { max: 128 };

function readMaterial(value: unknown, path: string): RequiredMaterial {
  const payload = asObject(value, path);
  return {
    name: asString(payload.name, `${path}.name`, MATERIAL_NAME),
    mandatory: readBoolean(payload, 'mandatory'),
  };
}

/** Validates a service item payload. */
export function readServiceItemInput(payload: Payload): ServiceItemInput {
  const materials = readArray(payload, 'materials', 0, 50, readMaterial);
  const names = new Set(materials.map((material) => material.name));
  if (names.size !== materials.length) {
    throw invalidArgument('materials must have distinct names');
  }
  return {
    code: readString(payload, 'code', ID_RULE),
    name: readString(payload, 'name', { max: 200 }),
    materials,
    promisedDays: readInteger(payload, 'promisedDays', 1, 365),
    resultType: readEnum(payload, 'resultType', RESULT_TYPES),
  };
}
