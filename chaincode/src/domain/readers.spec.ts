import { DomainError } from './errors';
import { asDate, asDecimal, asEnum, asInteger, asList, asObject, asString, minLengthOf, onlyFields, optional, parsePayload } from './readers';
import { ID_RULE } from './rules';

const invalid = (detail: string): unknown => expect.objectContaining({ code: 'INVALID_ARGUMENT', message: `[INVALID_ARGUMENT] ${detail}` });

function errorOf(read: () => unknown): DomainError {
  try {
    read();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the reader to throw');
}

describe('readers', () => {
  it('refuses JSON that is not an object, naming the argument', () => {
    expect(errorOf(() => parsePayload('not json', 'item'))).toEqual(invalid('item is not valid JSON'));
    expect(errorOf(() => parsePayload('[1]', 'item'))).toEqual(invalid('item must be an object'));
  });

  it('names a missing object or string as required', () => {
    expect(errorOf(() => asObject(undefined, 'applicant'))).toEqual(invalid('applicant is required'));
    expect(errorOf(() => asString(undefined, 'serviceItem.code', ID_RULE))).toEqual(invalid('serviceItem.code is required'));
  });

  it('names the field of a wrong string, length or pattern', () => {
    expect(errorOf(() => asString(7, 'code', ID_RULE))).toEqual(invalid('code must be a string'));
    expect(errorOf(() => asString('', 'code', ID_RULE))).toEqual(invalid('code must be 1 to 64 characters long'));
    expect(errorOf(() => asString('-x', 'code', ID_RULE))).toEqual(
      invalid("code must be letters, digits, '.', '_' or '-', starting with a letter or digit"),
    );
    expect(asString('BJ-HD.001', 'code', ID_RULE)).toBe('BJ-HD.001');
  });

  it('checks integers, enums and list sizes', () => {
    expect(errorOf(() => asInteger(1.5, 'days', { min: 1, max: 10 }))).toEqual(invalid('days must be an integer from 1 to 10'));
    expect(errorOf(() => asEnum('x', 'kind', ['a', 'b']))).toEqual(invalid('kind must be one of a, b'));
    expect(errorOf(() => asList([], 'list', { min: 1, max: 2 }, (value) => value))).toEqual(invalid('list must be a list of 1 to 2 items'));
    expect(asList([3, 4], 'list', { min: 1, max: 2 }, (value, path) => `${path}=${String(value)}`)).toEqual(['list[0]=3', 'list[1]=4']);
  });

  it('reads decimal digits only as a number', () => {
    expect(asDecimal('16', 'pageSize', { min: 1, max: 100 })).toBe(16);
    for (const written of ['0x10', '1e1', '16.0', ' 16', '', ['16'], 16]) {
      expect(errorOf(() => asDecimal(written, 'pageSize', { min: 1, max: 100 }))).toEqual(invalid('pageSize must be an integer from 1 to 100'));
    }
  });

  it('reads an optional field only when it is present', () => {
    expect(optional(undefined, 'expiresOn', asDate)).toBeUndefined();
    expect(optional('2031-12-31', 'expiresOn', asDate)).toBe('2031-12-31');
    expect(errorOf(() => optional('2031-02-30', 'expiresOn', asDate))).toEqual(invalid('expiresOn must be a date written YYYY-MM-DD'));
  });

  it('gives a string rule without a minimum a minimum length of 1', () => {
    expect(minLengthOf(ID_RULE)).toBe(1);
    expect(minLengthOf({ min: 0, max: 10 })).toBe(0);
  });

  it('accepts real calendar days only', () => {
    expect(asDate('2028-02-29', 'validFrom')).toBe('2028-02-29');
    for (const day of ['2026-02-30', '2026-13-01', '2026-1-01', '20260101']) {
      expect(errorOf(() => asDate(day, 'validFrom'))).toEqual(invalid('validFrom must be a date written YYYY-MM-DD'));
    }
  });

  it('refuses fields an object does not define, naming them by path', () => {
    expect(
      errorOf(() => {
        onlyFields({ name: 'x', colour: 'red' }, 'applicant', ['name']);
      }),
    ).toEqual(invalid('applicant.colour is not a known field'));
    expect(
      errorOf(() => {
        onlyFields({ a: 1, b: 2 }, '', []);
      }),
    ).toEqual(invalid('a, b are not known fields'));
  });
});
