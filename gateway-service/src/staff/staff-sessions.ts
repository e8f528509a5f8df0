import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Role } from '@tongban/chaincode/domain';
import { createHash, randomBytes, randomUUID, verify, X509Certificate } from 'node:crypto';
import { filter, from, interval, Observable, switchMap } from 'rxjs';
import { ApiError } from '../common/api-error';
import { STAFF_MSP_ID, StaffService } from './staff.service';

/** How long a sign-in challenge waits for its signature. */
export const SIGN_IN_CHALLENGE_MS = 2 * 60 * 1000;
/** How long a staff session lasts: a working day. */
export const STAFF_SESSION_MS = 10 * 60 * 60 * 1000;
/** How often a lasting answer (an event stream) checks that its session still holds. */
const SESSION_CHECK_MS = 5000;
/** Challenges and sessions held at once, at most; beyond, the oldest go first. */
const MAX_CHALLENGES = 1000;
const MAX_SESSIONS = 10_000;

/** A signed-in staff member, as the gateway's routes see them. */
export interface StaffSession {
  /** Where the sessions map holds it: the hash of its token. */
  key: string;
  staffId: string;
  role: Role;
  certificate: string;
  /** When it opened: any change of the member's status since (a suspension, even one lifted) ends it. */
  issuedAt: number;
  expiresAt: number;
}

interface Challenge {
  certificate: string;
  bytes: Buffer;
  expiresAt: number;
}

const tokenKey = (token: string) => createHash('sha256').update(token).digest('base64url');
const sessionExpired = () =>
  new ApiError(HttpStatus.UNAUTHORIZED, 'SESSION_EXPIRED', 'the staff session is unknown or has ended; sign in again with your key');

/**
 * Staff sign-in: the member's browser signs a fresh challenge with the key of
 * their enrolled certificate, and gets a bearer token for the API's routes in
 * their role. Ledger writes in such a session are still signed by that key,
 * one by one (StaffSigningInterceptor). Sessions live in the gateway's memory
 * and end at once when an admin changes the member's status (suspension,
 * revocation, even a suspension already lifted); only a hash of each token is kept.
 */
@Injectable()
export class StaffSessions {
  private readonly challenges = new Map<string, Challenge>();
  private readonly sessions = new Map<string, StaffSession>();

  constructor(
    private readonly staff: StaffService,
    @Inject(STAFF_MSP_ID) private readonly mspId: string,
  ) {}

  /**
   * A challenge for the holder of `certificate` to sign: says what it is for, names the city and the member, with
   * 32 random bytes (nothing a Fabric message could be mistaken for).
   */
  async challenge(certificate: string): Promise<{ id: string; toSign: string }> {
    const member = await this.staff.activeMemberOf(certificate);
    const text = `Tongban staff sign-in\n${this.mspId}\n${member.id}\n${new Date().toISOString()}\n`;
    const bytes = Buffer.concat([Buffer.from(text), randomBytes(32)]);
    const id = randomUUID();
    remember(this.challenges, id, { certificate, bytes, expiresAt: Date.now() + SIGN_IN_CHALLENGE_MS }, MAX_CHALLENGES);
    return { id, toSign: bytes.toString('base64') };
  }

  /** The signed challenge (DER ECDSA over SHA-256 of its bytes): opens a session; each challenge serves once. */
  async signIn(id: string, signature: Uint8Array): Promise<{ token: string; staffId: string; role: Role; name: string; expiresAt: string }> {
    const challenge = this.challenges.get(id);
    this.challenges.delete(id);
    if (!challenge || challenge.expiresAt < Date.now()) {
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'SIGN_IN_FAILED',
        `no sign-in challenge ${id} awaits a signature (used, older than 2 minutes, or never made)`,
      );
    }
    const publicKey = new X509Certificate(challenge.certificate).publicKey;
    if (!verify('sha256', challenge.bytes, { key: publicKey, dsaEncoding: 'der' }, signature)) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'SIGN_IN_FAILED', 'the signature is not one of the key of the certificate that asked to sign in');
    }
    // The session keeps the certificate as the gateway enrolled it (activeMemberOf matched it), which later checks compare.
    const member = await this.staff.activeMemberOf(challenge.certificate);
    const token = randomBytes(32).toString('base64url');
    const issuedAt = Date.now();
    const expiresAt = issuedAt + STAFF_SESSION_MS;
    const key = tokenKey(token);
    remember(
      this.sessions,
      key,
      { key, staffId: member.id, role: member.role, certificate: member.certificate as string, issuedAt, expiresAt },
      MAX_SESSIONS,
    );
    return { token, staffId: member.id, role: member.role, name: member.name, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The session of a bearer token, while it lasts, its member ACTIVE with the same certificate and unchanged since it opened. */
  async resolve(token: string): Promise<StaffSession> {
    const key = tokenKey(token);
    const session = this.sessions.get(key);
    if (!session || !(await this.holds(session))) {
      this.sessions.delete(key);
      throw sessionExpired();
    }
    return session;
  }

  /** Emits once the session has ended (signed out, expired, or its member changed), checking every few seconds. */
  ended(session: StaffSession): Observable<unknown> {
    return interval(SESSION_CHECK_MS).pipe(
      switchMap(() => from(this.holds(session))),
      filter((holds) => !holds),
    );
  }

  /**
   * Whether the session still holds: its member is ACTIVE with the certificate
   * checked at sign-in (compared as text, not parsed again on every request)
   * and unchanged since. A failure to read the staff store (a passing fault) is
   * thrown, and ends nothing.
   */
  private async holds(session: StaffSession): Promise<boolean> {
    if (session.expiresAt < Date.now() || this.sessions.get(session.key) !== session) return false;
    const member = await this.staff.get(session.staffId).catch((error: unknown) => {
      if (error instanceof ApiError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    });
    return (
      member?.status === 'ACTIVE' &&
      member.certificate === session.certificate &&
      (member.changedAt === undefined || Date.parse(member.changedAt) < session.issuedAt)
    );
  }

  signOut(token: string): void {
    this.sessions.delete(tokenKey(token));
  }
}

/** Keeps `entry`, dropping expired entries first and then the oldest while the map is full (a Map iterates in insertion order). */
function remember<T extends { expiresAt: number }>(map: Map<string, T>, key: string, entry: T, max: number): void {
  const now = Date.now();
  for (const [candidate, held] of map) if (held.expiresAt < now) map.delete(candidate);
  for (const candidate of map.keys()) {
    if (map.size < max) break;
    map.delete(candidate);
  }
  map.set(key, entry);
}
