/**
 * The console's calls to its own gateway: the staff session's bearer token on
 * each, answers read as JSON or as problem details, and ledger writes signed
 * here with the member's key, message after message (the gateway answers a
 * write with 202 and the proposal to sign).
 */
import type { Role } from '@tongban/chaincode/domain';
import { forgetIdentity, Identity, newKeyWithRequest, saveIdentity, signBytes } from './keys';

/** A refusal, as the gateway's problem details name it. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

export interface Session {
  token: string;
  staffId: string;
  role: Role;
  name: string;
  expiresAt: string;
}

interface ToSign {
  id: string;
  toSign: string;
  signatureNeeded?: boolean;
}

const toBase64 = (bytes: Uint8Array): string => btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''));
const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

async function problemOf(response: Response): Promise<Problem> {
  const body = (await response.json().catch(() => ({}))) as { code?: string; detail?: string; title?: string };
  return new Problem(response.status, body.code ?? `HTTP_${response.status}`, body.detail ?? body.title ?? response.statusText);
}

/** A call to the gateway; a body that is not FormData goes as JSON. */
async function call(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
  });
  if (!response.ok) throw await problemOf(response);
  const text = response.status === 204 ? '' : await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** Enrols with the one-time secret: a new key here, its certificate from the city's CA; kept in this browser. */
export async function enrol(staffId: string, secret: string): Promise<Identity> {
  const { privateKey, certificateRequest } = await newKeyWithRequest(staffId);
  const enrolled = (await call('POST', '/public/staff/enrolment', { id: staffId, secret, certificateRequest })).body as {
    mspId: string;
    certificate: string;
  };
  const identity = { staffId, mspId: enrolled.mspId, certificate: enrolled.certificate, privateKey };
  await saveIdentity(identity);
  return identity;
}

/** Signs in: the gateway's challenge, signed with the identity's key, opens a session. */
export async function signIn(identity: Identity): Promise<Session> {
  const challenge = (await call('POST', '/public/staff/sessions', { certificate: identity.certificate })).body as ToSign;
  const signature = toBase64(await signBytes(identity.privateKey, fromBase64(challenge.toSign)));
  return (await call('POST', `/public/staff/sessions/${challenge.id}`, { signature })).body as Session;
}

export { forgetIdentity };

/** The signed-in member's calls. */
export class Api {
  constructor(
    readonly session: Session,
    private readonly identity: Identity,
  ) {}

  async get<T>(path: string): Promise<T> {
    return (await call('GET', path, undefined, this.session.token)).body as T;
  }

  /**
   * A call that may write to the ledger: when the gateway answers 202 with a
   * proposal, this browser signs it, then the transaction and the commit
   * status request (`onStep` tells which); answers the record the
   * transaction returned.
   */
  async write<T>(method: string, path: string, body?: unknown, onStep?: (step: number) => void): Promise<T> {
    const answer = await call(method, path, body, this.session.token);
    if (answer.status !== 202 || !(answer.body as ToSign).signatureNeeded) return answer.body as T;
    let next = answer.body as ToSign;
    const stages = ['endorsement', 'submission', 'commit'];
    for (const [index, stage] of stages.entries()) {
      onStep?.(index + 1);
      const signature = toBase64(await signBytes(this.identity.privateKey, fromBase64(next.toSign)));
      next = (await call('POST', `/public/staff/transactions/${next.id}/${stage}`, { signature })).body as ToSign;
    }
    const outcome = next as unknown as { committed: boolean; status: string; result?: string };
    if (!outcome.committed)
      throw new Problem(409, outcome.status, `the transaction was not committed (${outcome.status}); read the record and try again`);
    return (outcome.result ? JSON.parse(outcome.result) : undefined) as T;
  }

  /** Uploads a file as multipart (field `file`), telling the progress in percent. */
  upload<T>(method: string, path: string, file: File, onProgress: (percent: number) => void): Promise<T> {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open(method, path);
      request.setRequestHeader('authorization', `Bearer ${this.session.token}`);
      request.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
      };
      request.onload = () => {
        let body: T & { code?: string; detail?: string };
        try {
          body = (request.responseText ? JSON.parse(request.responseText) : {}) as T & { code?: string; detail?: string };
        } catch {
          reject(new Problem(request.status, `HTTP_${request.status}`, 'the gateway answered something other than JSON'));
          return;
        }
        if (request.status >= 200 && request.status < 300) {
          onProgress(100);
          resolve(body);
        } else reject(new Problem(request.status, body.code ?? `HTTP_${request.status}`, body.detail ?? request.statusText));
      };
      request.onerror = () => {
        reject(new Problem(0, 'NETWORK', 'the gateway could not be reached'));
      };
      const form = new FormData();
      form.append('file', file);
      request.send(form);
    });
  }

  async download(path: string): Promise<Blob> {
    const response = await fetch(path, { headers: { authorization: `Bearer ${this.session.token}` } });
    if (!response.ok) throw await problemOf(response);
    return response.blob();
  }

  async signOut(): Promise<void> {
    await call('DELETE', '/public/staff/sessions/current', undefined, this.session.token);
  }

  /**
   * Follows the gateway's event stream (Server-Sent Events over fetch, which,
   * unlike EventSource, sends the bearer token) from now on, or after
   * `lastEventId`, until `signal` aborts or the stream ends; only events
   * involving `city`. `onOpen` is called once the gateway has accepted the
   * stream, `onEvent` with each event's JSON and id. A refusal is thrown as a Problem.
   */
  async follow(
    handlers: { onOpen: () => void; onEvent: (event: { name: string; payload: { caseId?: string } }, id: string | undefined) => void },
    signal: AbortSignal,
    city?: string,
    lastEventId?: string,
  ): Promise<void> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.session.token}`, accept: 'text/event-stream' };
    const query = new URLSearchParams(city ? { city } : {});
    if (lastEventId) headers['last-event-id'] = lastEventId;
    else query.set('from', 'now');
    const response = await fetch(`/events?${query.toString()}`, { headers, signal });
    if (!response.ok || !response.body) throw await problemOf(response);
    handlers.onOpen();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffered += value;
      const blocks = buffered.split('\n\n');
      buffered = blocks.pop() ?? '';
      for (const block of blocks) {
        const field = (name: string) =>
          block
            .split('\n')
            .find((line) => line.startsWith(`${name}:`))
            ?.slice(name.length + 1)
            .trim();
        const data = field('data');
        if (data) handlers.onEvent(JSON.parse(data) as { name: string; payload: { caseId?: string } }, field('id'));
      }
    }
  }
}
