/**
 * Calls the cities' running gateway services over HTTPS, trusting each city's
 * TLS root, with the API key of a role (read from the key file each gateway
 * was started with).
 */
import { readFileSync } from 'node:fs';
import { HttpsInit, httpsFetch, TlsClient } from '../support/https';
import { city, CityDescription, NetworkDescription, Role } from './network';

export interface HttpAnswer {
  status: number;
  body: Record<string, unknown> & { code?: string; detail?: string };
  headers: Headers;
}

function apiKeysOf(city: CityDescription): Record<Role, string> {
  const keys: Record<string, string> = {};
  for (const line of readFileSync(city.gateway.apiKeysFile, 'utf8').split('\n')) {
    const match = /^([A-Z]+)_KEY=(.+)$/.exec(line);
    if (match) keys[match[1].toLowerCase()] = match[2];
  }
  return keys;
}

/** A city's gateway as one of its roles. */
export class CityClient {
  private readonly keys: Record<Role, string>;
  /** The city's TLS root, which issued its gateway's certificate. */
  readonly ca: Buffer;

  constructor(readonly city: CityDescription) {
    this.keys = apiKeysOf(city);
    this.ca = readFileSync(city.tlsRootCert);
  }

  /** The API key of a role, for requests this client does not make itself (uploads, raw fetches). */
  apiKey(role: Role): string {
    return this.keys[role];
  }

  /** A request to this city's gateway, as fetch makes them; `client` adds a TLS client certificate (or other CAs). */
  fetch(path: string, init: HttpsInit = {}, client: TlsClient = {}): Promise<Response> {
    return httpsFetch(`${this.city.gateway.url}${path}`, init, { ca: this.ca, ...client });
  }

  async call(role: Role | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    const response = await this.fetch(path, {
      method,
      headers: {
        ...(role ? { 'x-api-key': this.apiKey(role) } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // An event stream never ends: its status and headers are the answer.
    if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
      await response.body?.cancel();
      return { status: response.status, body: {}, headers: response.headers };
    }
    const text = await response.text();
    let parsed: HttpAnswer['body'] = {};
    try {
      parsed = text ? (JSON.parse(text) as HttpAnswer['body']) : {};
    } catch {
      parsed = { text };
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  get = (role: Role | undefined, path: string) => this.call(role, 'GET', path);
  post = (role: Role, path: string, body: unknown = {}, headers?: Record<string, string>) => this.call(role, 'POST', path, body, headers);
  put = (role: Role, path: string, body: unknown) => this.call(role, 'PUT', path, body);
}

/** The default network's three cities through their gateways. */
export function threeCities(network: NetworkDescription) {
  const haidian = new CityClient(city(network, 'haidian'));
  const foshan = new CityClient(city(network, 'foshan'));
  const tianjin = new CityClient(city(network, 'tianjin'));
  return { haidian, foshan, tianjin, HAIDIAN: haidian.city.mspId, FOSHAN: foshan.city.mspId, TIANJIN: tianjin.city.mspId };
}

/**
 * Foshan publishes service item `item` (one mandatory "Application form"),
 * and an agreement `agreement` of the three cities covering it becomes ACTIVE.
 */
export async function setUpAgreement(cities: ReturnType<typeof threeCities>, item: string, agreement: string): Promise<void> {
  const { haidian, foshan, tianjin, HAIDIAN, FOSHAN, TIANJIN } = cities;
  const published = await foshan.put('admin', `/catalogue/${FOSHAN}/items/${item}`, {
    name: 'Food business licence',
    materials: [{ name: 'Application form', mandatory: true }],
    promisedDays: 15,
    resultType: 'licence',
  });
  const proposed = await haidian.post('admin', '/agreements', {
    id: agreement,
    title: `Agreement ${agreement}`,
    parties: [HAIDIAN, FOSHAN, TIANJIN],
    serviceItems: [{ ownerMsp: FOSHAN, code: item }],
    validFrom: '2026-01-01',
    validUntil: '2099-12-31',
  });
  // A city's peer may not have the proposal's block yet (one catching up after a fault): sign once it has.
  const sign = async (client: CityClient): Promise<HttpAnswer> => {
    for (let attempt = 1; ; attempt += 1) {
      const answer = await client.post('admin', `/agreements/${agreement}/signatures`);
      if (answer.status !== 404 || attempt === 60) return answer;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };
  await sign(foshan);
  const active = await sign(tianjin);
  if (published.status !== 200 || proposed.status !== 201 || active.body.status !== 'ACTIVE') {
    throw new Error(`setting up ${agreement} failed: ${published.status} ${proposed.status} ${JSON.stringify(active.body)}`);
  }
}
