import { ChaincodeError } from './errors';
import { ID_RULE, parsePayload, readArray, readEnum, readInteger, readString } from './readers';

const invalid = (detail: string) =>
  expect.objectContaining({ code: 'INVALID_ARGUMENT', message: `[INVALID_ARGUMENT] ${detail}` });

function errorOf(read: () => unknown): ChaincodeError {
  try {
    read();
  } catch (error) {
    return error as ChaincodeError;
  }
  throw new Error('expected the reader to throw');
}

describe('readers', () => {
  it('refuses JSON that is not an object, naming the argument', () => {
    expect(errorOf(() => parsePayload('not json', 'item'))).toEqual(invalid('item is not valid JSON'));
    expect(errorOf(() => parsePayload('[1]', 'item'))).toEqual(invalid('item must be an object'));
  });

  it('names the field of a wrong string, length or pattern', () => {
    expect(errorOf(() => readString({ code: 7 }, 'code', ID_RULE))).toEqual(invalid('code must be a string'));
    expect(errorOf(() => readString({ code: '' }, 'code', ID_RULE))).toEqual(
      invalid('code must be 1 to 64 characters long'),
    );
    expect(errorOf(() => readString({ code: '-x' }, 'code', ID_RULE))).toEqual(
      invalid("code must be letters, digits, '.', '_' or '-', starting with a letter or digit"),
    );
    expect(readString({ code: 'BJ-HD.001' }, 'code', ID_RULE)).toBe('BJ-HD.001');
  });

  it('checks integers, enums and list sizes', () => {
    expect(errorOf(() => readInteger({ days: 1.5 }, 'days', 1, 10))).toEqual(
      invalid('days must be an integer from 1 to 10'),
    );
    expect(errorOf(() => readEnum({ kind: 'x' }, 'kind', ['a', 'b']))).toEqual(invalid('kind must be one of a, b'));
    expect(errorOf(() => readArray({ list: [] }, 'list', 1, 2, (value) => value))).toEqual(
      invalid('list must be a list of 1 to 2 items'),
    );
    expect(readArray({ list: [3, 4] }, 'list', 1, 2, (value, path) => `${path}=${String(value)}`)).toEqual([
      'list[0]=3',
      'list[1]=4',
    ]);
  });
});
