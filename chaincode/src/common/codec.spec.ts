import { marshal, unmarshal } from './codec';

describe('marshal', () => {
  it('writes the same bytes whatever the order the keys were set in', () => {
    const first = marshal({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 'x' } });
    const second = marshal({ a: { c: 'x', d: [{ y: 2, z: 1 }] }, b: 1 });
    expect(Buffer.from(first).toString()).toBe('{"a":{"c":"x","d":[{"y":2,"z":1}]},"b":1}');
    expect(Buffer.from(second)).toEqual(Buffer.from(first));
  });

  it('leaves out undefined fields and round-trips through unmarshal', () => {
    const bytes = marshal({ kept: 'yes', dropped: undefined, list: [1, 'two', null] });
    expect(unmarshal(bytes)).toEqual({ kept: 'yes', list: [1, 'two', null] });
  });
});
