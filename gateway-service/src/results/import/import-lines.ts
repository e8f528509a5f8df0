/**
 * The lines of an uploaded file, read as it arrives: each line once, with its
 * number, and never more than one line (of bounded length) held in memory.
 */
import { StringDecoder } from 'node:string_decoder';

/** One line of the file: its number (from 1) and its text without the line break. */
export interface NumberedLine {
  number: number;
  /** Undefined for a line longer than the limit, whose text was dropped. */
  text?: string;
}

/** The longest line read, in characters: a row is a few hundred; longer is not a row. */
export const MAX_LINE_CHARS = 4096;

/** Cuts text, given piece by piece, into numbered lines. */
class LineCutter {
  private number = 0;
  private pending = '';
  private overlong = false;

  constructor(private readonly maxChars: number) {}

  /** The lines that `text` completes; the rest waits for the next piece. */
  *cut(text: string): Generator<NumberedLine> {
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      yield this.line(text.slice(start, end));
      start = end + 1;
    }
    this.keep(text.slice(start));
  }

  /** The last line, if the text did not end with a line break. */
  *end(text: string): Generator<NumberedLine> {
    this.keep(text);
    if (this.pending !== '' || this.overlong) yield this.line('');
  }

  private line(rest: string): NumberedLine {
    this.number += 1;
    let text = this.pending + rest;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (this.number === 1 && text.startsWith('\uFEFF')) text = text.slice(1);
    const line = this.overlong || text.length > this.maxChars ? { number: this.number } : { number: this.number, text };
    this.pending = '';
    this.overlong = false;
    return line;
  }

  private keep(rest: string): void {
    if (this.overlong) return;
    // One character over the limit may be the CR of a CRLF.
    if (this.pending.length + rest.length > this.maxChars + 1) {
      this.overlong = true;
      this.pending = '';
    } else {
      this.pending += rest;
    }
  }
}

/**
 * Splits UTF-8 `chunks` into lines (LF or CRLF; a last line without a break
 * too), dropping a byte-order mark at the start. A line longer than `maxChars`
 * is numbered but its text is not kept.
 */
export async function* linesOf(chunks: AsyncIterable<Buffer>, maxChars = MAX_LINE_CHARS): AsyncGenerator<NumberedLine> {
  const decoder = new StringDecoder('utf8');
  const cutter = new LineCutter(maxChars);
  for await (const chunk of chunks) {
    yield* cutter.cut(decoder.write(chunk));
  }
  yield* cutter.end(decoder.end());
}
