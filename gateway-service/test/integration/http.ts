/**
 * Calls the cities' running gateway services over HTTP, with the API key of
 * a role (read from the key file each gateway was started with).
 */
import { readFileSync } from 'node:fs';
import { CityDescription, Role } from './network';

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
  return keys as Record<Role, string>;
}

/** A city's gateway as one of its roles. */
export class CityClient {
  private readonly keys: Record<Role, string>;

  constructor(readonly city: CityDescription) {
    this.keys = apiKeysOf(city);
  }

  async call(role: Role | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    const response = await fetch(`${this.city.gateway.url}${path}`, {
      method,
      headers: {
        ...(role ? { 'x-api-key': this.keys[role] } : {}),
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
