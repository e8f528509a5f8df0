import { HttpStatus } from '@nestjs/common';
import { KeyObject, sign } from 'node:crypto';
import { ApiError } from '../common/api-error';
import { HttpsAnswer, httpsRequest } from '../common/https-request';
import { p1363ToLowSDer } from '../signing/ecdsa-signature';

/** How the gateway reaches its city's Fabric CA, and the identity it registers and revokes staff with. */
export interface CaConnection {
  /** https://host:port of the CA. */
  url: string;
  /** The CA's name (fabric-ca-server's --ca.name). */
  caName: string;
  /** PEM of the root the CA's TLS certificate chains to. */
  tlsRootCert: string;
  /** A registrar allowed to register clients with the role attribute, and to revoke them. */
  registrar: { certificate: string; privateKey: KeyObject };
}

/** One attribute of a registered identity, put into its enrolment certificates. */
export interface CaAttribute {
  name: string;
  value: string;
}

const base64 = (data: string | Buffer): string => Buffer.from(data).toString('base64');

/**
 * Fabric CA's token for a registrar's request: its certificate and its
 * signature (ECDSA, SHA-256, DER, low S) over method, path, body and
 * certificate, each base64-encoded and joined by dots.
 */
export function authorizationToken(method: string, path: string, body: string, certificate: string, privateKey: KeyObject): string {
  const payload = `${method}.${base64(path)}.${base64(body)}.${base64(certificate)}`;
  const signature = p1363ToLowSDer(new Uint8Array(sign('sha256', Buffer.from(payload), { key: privateKey, dsaEncoding: 'ieee-p1363' })));
  return `${base64(certificate)}.${base64(Buffer.from(signature))}`;
}

interface CaAnswer<T> {
  success: boolean;
  result: T;
  errors: { code: number; message: string }[];
}

/** The CA is down or unreachable: the staff member or admin may try again later. */
const caUnavailable = (detail: string) => new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'CA_UNAVAILABLE', detail, { retryAfterSeconds: 30 });

/** The calls of Fabric CA's REST API (/api/v1) that staff management needs. */
export class FabricCaClient {
  private readonly registrarKey: KeyObject;

  constructor(private readonly connection: CaConnection) {
    this.registrarKey = connection.registrar.privateKey;
  }

  /** Registers a client identity that may enrol once; answers its enrolment secret. */
  async register(id: string, attributes: CaAttribute[]): Promise<string> {
    const result = await this.call<{ secret: string }>('register', 'POST', '/api/v1/register', {
      id,
      type: 'client',
      max_enrollments: 1,
      attrs: attributes.map(({ name, value }) => ({ name, value, ecert: true })),
      caname: this.connection.caName,
    });
    return result.secret;
  }

  /** Enrols `id` with its one-time secret: the CA signs the request and answers the certificate (PEM). */
  async enroll(id: string, secret: string, certificateRequest: string): Promise<string> {
    const body = JSON.stringify({ certificate_request: certificateRequest, caname: this.connection.caName });
    const result = await this.send<{ Cert: string }>('enrol', 'POST', '/api/v1/enroll', body, `Basic ${base64(`${id}:${secret}`)}`);
    return Buffer.from(result.Cert, 'base64').toString('utf8');
  }

  /** Revokes every certificate of `id`; answers the CA's new revocation list (PEM). */
  async revoke(id: string, reason: string): Promise<string> {
    const result = await this.call<{ CRL?: string }>('revoke', 'POST', '/api/v1/revoke', {
      id,
      reason,
      gencrl: true,
      caname: this.connection.caName,
    });
    return result.CRL ? Buffer.from(result.CRL, 'base64').toString('utf8') : '';
  }

  /** A registrar's call: signed with the registrar's token. */
  private call<T>(what: string, method: string, path: string, payload: object): Promise<T> {
    const body = JSON.stringify(payload);
    const token = authorizationToken(method, path, body, this.connection.registrar.certificate, this.registrarKey);
    return this.send<T>(what, method, path, body, token);
  }

  private async send<T>(what: string, method: string, path: string, body: string, authorization: string): Promise<T> {
    let answer: HttpsAnswer;
    try {
      answer = await httpsRequest(
        new URL(path, this.connection.url),
        {
          method,
          ca: this.connection.tlsRootCert,
          headers: { authorization, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          signal: AbortSignal.timeout(15_000),
        },
        body,
      );
    } catch (error) {
      throw caUnavailable(`the CA did not answer the ${what}: ${(error as Error).message}`);
    }
    let parsed: CaAnswer<T>;
    try {
      parsed = JSON.parse(answer.body.toString('utf8')) as CaAnswer<T>;
    } catch {
      throw caUnavailable(`the CA answered the ${what} with HTTP ${String(answer.status)} and no JSON`);
    }
    if (parsed.success) return parsed.result;
    const message = parsed.errors.map((error) => `${error.message} (CA code ${String(error.code)})`).join('; ');
    // 400, 401 and 403 are the request's fault (a malformed request, a wrong or used secret, an unknown identity); other failures the CA's.
    if ([400, 401, 403].includes(answer.status)) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'CA_REFUSED', `the CA refused the ${what}: ${message}`);
    }
    throw caUnavailable(`the CA could not ${what}: ${message}`);
  }
}
