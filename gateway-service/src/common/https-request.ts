import type { IncomingHttpHeaders } from 'node:http';
import { request, RequestOptions } from 'node:https';

/** An answer read whole: for small bodies only (a CA's JSON, a case's material within the gateway's limit). */
export interface HttpsAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * One request over node:https, which, unlike fetch, takes the CAs to trust
 * and a client certificate (`options`); rejects with Node's error when no
 * answer comes (its `code` says why: a TLS verification failure, a refused
 * connection, an abort by `options.signal`).
 */
export function httpsRequest(url: URL, options: RequestOptions, body?: string): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, options, (answer) => {
      const parts: Buffer[] = [];
      answer.on('data', (part: Buffer) => parts.push(part));
      answer.on('end', () => {
        resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body: Buffer.concat(parts) });
      });
      answer.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
