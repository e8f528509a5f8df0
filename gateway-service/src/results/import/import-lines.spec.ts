import { Readable } from 'node:stream';
import { linesOf, NumberedLine } from './import-lines';

async function linesFrom(chunks: (string | Buffer)[], maxChars?: number): Promise<NumberedLine[]> {
  const source = Readable.from(chunks.map((chunk) => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))));
  const lines: NumberedLine[] = [];
  for await (const line of linesOf(source, maxChars)) lines.push(line);
  return lines;
}

describe('linesOf', () => {
  it('numbers the lines across chunks, LF or CRLF, with a last line without a break', async () => {
    expect(await linesFrom(['a,b\r\nc', 'd\n\ne', 'f'])).toEqual([
      { number: 1, text: 'a,b' },
      { number: 2, text: 'cd' },
      { number: 3, text: '' },
      { number: 4, text: 'ef' },
    ]);
    expect(await linesFrom(['a\n', 'b\n'])).toEqual([
      { number: 1, text: 'a' },
      { number: 2, text: 'b' },
    ]);
    expect(await linesFrom([])).toEqual([]);
  });

  it('decodes a UTF-8 character split between chunks, and drops a byte-order mark', async () => {
    const text = Buffer.from('\uFEFF张三\n李四');
    expect(await linesFrom([text.subarray(0, 4), text.subarray(4, 8), text.subarray(8)])).toEqual([
      { number: 1, text: '张三' },
      { number: 2, text: '李四' },
    ]);
  });

  it('keeps the number of a line over the limit but not its text, and goes on after it', async () => {
    expect(await linesFrom(['12345', '6789\nabc\r\n123456\n12345'], 5)).toEqual([
      { number: 1 },
      { number: 2, text: 'abc' },
      { number: 3 },
      { number: 4, text: '12345' },
    ]);
    expect(await linesFrom(['12345\r\n'], 5)).toEqual([{ number: 1, text: '12345' }]);
    expect(await linesFrom(['1234567'], 5)).toEqual([{ number: 1 }]);
  });
});
