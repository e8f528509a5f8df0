/**
 * DER (ASN.1) encoding: the little the gateway and its tests write (a
 * certification request, an ECDSA signature, test certificates). Plain
 * TypeScript without Node's modules, so the browser console can use it.
 */

/** A DER length: short form below 128, else the long form. */
function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [0x80 | bytes.length, ...bytes];
}

/** Tag, length and the contents, concatenated (written into one buffer: this is on every transaction's signature). */
export function tlv(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const bodyLength = contents.reduce((sum, part) => sum + part.length, 0);
  const length = derLength(bodyLength);
  const out = new Uint8Array(1 + length.length + bodyLength);
  out[0] = tag;
  out.set(length, 1);
  let offset = 1 + length.length;
  for (const part of contents) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export const sequence = (...items: Uint8Array[]): Uint8Array => tlv(0x30, ...items);
export const set = (...items: Uint8Array[]): Uint8Array => tlv(0x31, ...items);
export const utf8String = (text: string): Uint8Array => tlv(0x0c, new TextEncoder().encode(text));
export const bitString = (bytes: Uint8Array, unusedBits = 0): Uint8Array => tlv(0x03, Uint8Array.of(unusedBits), bytes);

/** A non-negative INTEGER from its big-endian bytes: no leading zeros, and a 0x00 in front when the top bit is set. */
export function unsignedInteger(bytes: Uint8Array): Uint8Array {
  let value = bytes;
  while (value.length > 1 && value[0] === 0 && value[1] < 0x80) value = value.subarray(1);
  return value[0] >= 0x80 ? tlv(0x02, Uint8Array.of(0), value) : tlv(0x02, value);
}

/** An OBJECT IDENTIFIER from its dotted form (1.2.840.10045.4.3.2). */
export function objectIdentifier(dotted: string): Uint8Array {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) chunk.unshift(0x80 | (value & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(bytes));
}
