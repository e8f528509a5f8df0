/** A city's service items (事项): what its admin publishes, and how it is checked. */
import { asBoolean, asEnum, asInteger, asList, asObject, asString, onlyFields, Payload, requireDistinct } from './readers';
import { MATERIAL_NAME_RULE, readId, NAME_RULE, PROMISED_DAYS_RULE, REQUIRED_MATERIALS_RULE } from './rules';

export const RESULT_TYPES = ['licence', 'certificate', 'permit', 'filing', 'other'] as const;
export type ResultType = (typeof RESULT_TYPES)[number];

/** One material an applicant must (or may) hand in for a service item. */
export interface RequiredMaterialInput {
  name: string;
  mandatory: boolean;
}

/** What a city's admin sends to publish a service item. */
export interface ServiceItemInput {
  code: string;
  name: string;
  materials: RequiredMaterialInput[];
  promisedDays: number;
  resultType: ResultType;
}

function readRequiredMaterial(value: unknown, path: string): RequiredMaterialInput {
  const payload = asObject(value, path);
  onlyFields(payload, path, ['name', 'mandatory']);
  return {
    name: asString(payload.name, `${path}.name`, MATERIAL_NAME_RULE),
    mandatory: asBoolean(payload.mandatory, `${path}.mandatory`),
  };
}

/** Validates a service item; `fields` are the fields the payload may have (the gateway takes the code from the path). */
export function readServiceItemFields(payload: Payload, fields: readonly string[]): Omit<ServiceItemInput, 'code'> {
  onlyFields(payload, '', fields);
  const materials = asList(payload.materials, 'materials', REQUIRED_MATERIALS_RULE, readRequiredMaterial);
  requireDistinct(materials, 'materials', 'names', (material) => material.name);
  return {
    name: asString(payload.name, 'name', NAME_RULE),
    materials,
    promisedDays: asInteger(payload.promisedDays, 'promisedDays', PROMISED_DAYS_RULE),
    resultType: asEnum(payload.resultType, 'resultType', RESULT_TYPES),
  };
}

export const SERVICE_ITEM_FIELDS = ['code', 'name', 'materials', 'promisedDays', 'resultType'] as const;

/** Validates a whole service item, as the chaincode receives it. */
export function readServiceItemInput(payload: Payload): ServiceItemInput {
  return { code: readId(payload.code, 'code'), ...readServiceItemFields(payload, SERVICE_ITEM_FIELDS) };
}
