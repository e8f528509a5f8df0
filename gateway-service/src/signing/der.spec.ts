import { bitString, objectIdentifier, sequence, tlv, unsignedInteger, utf8String } from './der';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('DER encoding', () => {
  it('writes short and long lengths', () => {
    expect(hex(tlv(0x04, new Uint8Array(3)))).toBe('0403000000');
    expect(hex(tlv(0x04, new Uint8Array(200))).slice(0, 6)).toBe('0481c8');
    expect(hex(tlv(0x04, new Uint8Array(300))).slice(0, 8)).toBe('0482012c');
  });

  it('writes object identifiers with multi-byte arcs', () => {
    expect(hex(objectIdentifier('1.2.840.10045.4.3.2'))).toBe('06082a8648ce3d040302');
    expect(hex(objectIdentifier('2.5.4.3'))).toBe('0603550403');
  });

  it('writes non-negative integers without leading zeros, with a 0x00 before a set top bit', () => {
    expect(hex(unsignedInteger(Uint8Array.of(0, 0, 1)))).toBe('020101');
    expect(hex(unsignedInteger(Uint8Array.of(0x80)))).toBe('02020080');
    expect(hex(unsignedInteger(Uint8Array.of(0, 0x80)))).toBe('02020080');
    expect(hex(unsignedInteger(Uint8Array.of(0)))).toBe('020100');
  });

  it('writes sequences, UTF-8 strings and bit strings', () => {
    expect(hex(sequence(utf8String('海'), bitString(Uint8Array.of(0xa0), 5)))).toBe('3009' + '0c03e6b5b7' + '030205a0');
  });
});
