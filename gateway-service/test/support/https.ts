/**
 * fetch over HTTPS trusting given CAs (the gateways' certificates come from
 * their cities' CAs, not from a public one) and optionally presenting a client
 * certificate: node:https underneath, a web Response out, so tests read
 * answers as they would fetch's. Node's own fetch takes neither option.
 */
import { Agent, request } from 'node:https';
import { Readable } from 'node:stream';

/** The TLS side of a request: the CAs to trust, and a client certificate with its key to present. */
export interface TlsClient {
  ca?: string | Buffer | (string | Buffer)[];
  cert?: string | Buffer;
  key?: string | Buffer;
}

export interface HttpsInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | FormData;
  signal?: AbortSignal;
}

/**
 * One agent for the tests' and the benchmark's connections: it keeps them apart
 * by CA and client certificate, and keeps idle ones (up to Node's default of 256
 * per host), as a partner system with that many workers would: keeping 16 made
 * the benchmark's 64 clients reconnect after each block's burst of answers, a
 * TLS handshake on both sides each time. An idle one is closed a second before
 * the gateway's keep-alive timeout (its Keep-Alive header), so that no request
 * goes out on a connection the gateway is closing (ECONNRESET); Node reads that
 * header only when the agent has a timeout of its own.
 */
const agent = new Agent({ keepAlive: true, timeout: 60_000 });

/** A FormData as bytes and its multipart content type, as fetch would send it. */
async function encodeForm(form: FormData): Promise<{ body: Buffer; type: string }> {
  const encoded = new Request('https://form.invalid/', { method: 'POST', body: form });
  return { body: Buffer.from(await encoded.arrayBuffer()), type: encoded.headers.get('content-type') ?? 'multipart/form-data' };
}

/** Statuses whose Response has no body. */
const BODILESS = new Set([101, 204, 205, 304]);

/** Like fetch, over node:https with `tls`'s CAs and client certificate. */
export async function httpsFetch(url: string | URL, init: HttpsInit = {}, tls: TlsClient = {}): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  let body: Buffer | undefined;
  if (init.body instanceof FormData) {
    const form = await encodeForm(init.body);
    body = form.body;
    headers['content-type'] = form.type;
  } else if (init.body !== undefined) {
    body = Buffer.from(init.body);
  }
  if (body) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: init.method ?? 'GET', headers, agent, signal: init.signal, ...tls }, (incoming) => {
      const answerHeaders = new Headers();
      for (let index = 0; index < incoming.rawHeaders.length; index += 2)
        answerHeaders.append(incoming.rawHeaders[index], incoming.rawHeaders[index + 1]);
      const status = incoming.statusCode ?? 0;
      const stream = BODILESS.has(status) ? null : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>);
      if (!stream) incoming.resume();
      resolve(new Response(stream, { status, statusText: incoming.statusMessage, headers: answerHeaders }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
