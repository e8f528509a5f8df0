/** Sends a file to a gateway's POST /results/imports as it reads it, and gives back the gateway's answer. */
import { randomBytes } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { IMPORT_FILE_FIELD } from '../results/import/import-rows';
import { multipartFraming } from './import-client';

/** The gateway's answer: its status and body. */
export interface ImportAnswer {
  status: number;
  body: string;
}

/** How far the sending is: bytes of the file sent, of its size, and the lines they held. */
export type ImportProgress = (sent: number, size: number, lines: number) => void;

/**
 * Streams `file` as the multipart field "file" to `gatewayUrl`/results/imports
 * with `apiKey`, calling `progress` as chunks go out; over HTTPS, trusting
 * `ca` (PEM) if given, Node's own CAs otherwise. The gateway reads the
 * file at the pace its ledger takes the rows, so the bytes sent follow the
 * import. It may answer before the whole file is sent (a refusal, or an
 * import that stopped): its answer is the answer, and sending stops.
 */
export async function sendImport(
  gatewayUrl: string,
  apiKey: string,
  file: string,
  progress: ImportProgress = () => undefined,
  ca?: Buffer,
): Promise<ImportAnswer> {
  const size = statSync(file).size;
  const boundary = `tongban-${randomBytes(12).toString('hex')}`;
  const { head, tail } = multipartFraming(boundary, IMPORT_FILE_FIELD, basename(file));
  const url = new URL('/results/imports', gatewayUrl);
  const request = (url.protocol === 'https:' ? https : http).request(url, {
    method: 'POST',
    ...(ca ? { ca } : {}),
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + size + tail.length),
      'x-api-key': apiKey,
    },
  });
  const answered = new Promise<ImportAnswer>((resolve, reject) => {
    request.on('response', (response) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => {
        parts.push(part);
      });
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
  });
  let sent = 0;
  let lines = 0;
  async function* body(): AsyncGenerator<Buffer> {
    yield head;
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      sent += chunk.length;
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
      progress(sent, size, lines);
      yield chunk;
    }
    yield tail;
  }
  // A failure to send shows as the request's error (no answer), or does not matter (an answer came first).
  const sending = pipeline(Readable.from(body()), request).catch(() => undefined);
  const answer = await answered;
  if (!request.writableFinished) request.destroy();
  await sending;
  return answer;
}
