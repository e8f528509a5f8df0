/**
 * The gateway's configuration, from the environment only. `validateConfig`
 * runs at start (ConfigModule's validate) and names every missing or bad
 * variable; `describeConfig` prints it on boot with secrets masked.
 */
import { existsSync } from 'node:fs';
import { IMPORT_BATCH_RULE, isRole, MATERIAL_SIZE_RULE, Role, ROLES, SHA256_RULE } from '@tongban/chaincode/domain';
import { DEFAULT_DEADLINES } from '../fabric/connection';

/** The domain's role type, which the configuration maps to identities and API keys. */
export type { Role };

/** One partner system's API key, stored as its SHA-256, and the role it acts in. */
export interface ApiKeyEntry {
  role: Role;
  sha256: Buffer;
  /** A name for logs and metrics, e.g. "hall-system". */
  name: string;
}

export interface RoleIdentity {
  certificatePath: string;
  privateKeyPath: string;
}

export interface GatewayConfig {
  host: string;
  port: number;
  /** This gateway's city. */
  mspId: string;
  channel: string;
  chaincode: string;
  peerEndpoint: string;
  peerTlsRootCertPath: string;
  /** Overrides the TLS server name checked against the peer's certificate. */
  peerTlsServerName?: string;
  /**
   * The gateway's TLS certificate and key, from its city's CA (TLS profile):
   * its HTTPS server certificate, and its client certificate towards partner
   * cities' gateways.
   */
  tls: { certificatePath: string; privateKeyPath: string };
  identities: Partial<Record<Role, RoleIdentity>>;
  apiKeys: ApiKeyEntry[];
  deadlines: { evaluateMs: number; endorseMs: number; submitMs: number; commitStatusMs: number };
  /** Extra attempts for a submission that failed for a reason a retry can fix. */
  submitRetries: number;
  /** How long a stopping gateway lets requests in flight finish before it answers them 503. */
  drainTimeoutMs: number;
  /**
   * Requests per second (bursts of twice that) per client address and per API
   * key; 0 is no limit. The defaults are above what one gateway on two cores
   * serves: each deployment sets its own. The public routes (/public, no
   * key) have their own, far lower limit per address: a person verifies a
   * licence or two, a script trying certificate numbers is slowed down.
   */
  rateLimits: { perAddress: { perSecond: number }; perApiKey: { perSecond: number }; publicPerAddress: { perSecond: number } };
  /**
   * Where people reach this gateway (the verification page's QR codes link
   * there); this gateway's own https URL by default.
   */
  publicUrl: string;
  /** Display names of cities by MSP ID, shown on the public verification page. */
  cityNames: Record<string, string>;
  /** URL prefixes a webhook receiver must start with (loopback only by default). */
  webhookAllowedUrls: string[];
  /** Where metrics and liveness are served, apart from the API; none without TONGBAN_OPERATIONS_PORT. */
  operations?: { host: string; port: number };
  /** Key of the HMAC that derives each case's applicant salt from its id (never logged). */
  applicantSaltSecret: string;
  /** Where the gateway keeps its event log, webhook subscriptions and material store. */
  dataDir: string;
  /**
   * The city's CA, where staff are registered, enrolled and revoked, with the
   * registrar the gateway does that as (TONGBAN_CA_*); none: no staff management.
   */
  ca?: { url: string; caName: string; tlsRootCertPath: string; registrarCertPath: string; registrarKeyPath: string };
  materials: { maxBytes: number; mediaTypes: string[] };
  /**
   * Imports of historical results (POST /results/imports): rows per
   * transaction, transactions in flight at once, and the largest file.
   */
  imports: { batchRows: number; concurrency: number; maxBytes: number };
  /**
   * How long a request may take to arrive whole (Node's requestTimeout; 0 is
   * no limit). An import reads its file at the pace the ledger records it, so
   * a file of 300,000 rows arrives over minutes: Node's 5 minutes would cut it.
   */
  requestTimeoutMs: number;
  /** Partner cities' gateways by MSP ID: their https URLs (they are trusted by their TLS CAs in the channel's configuration). */
  partnerGateways: Record<string, { url: string }>;
  /** How often the channel's configuration (its organisations' TLS CAs, which partner calls are checked against) is read again. */
  partnerTrustRefreshMs: number;
}

type Env = Record<string, string | undefined>;

class ConfigErrors {
  readonly problems: string[] = [];

  required(env: Env, name: string): string {
    const value = env[name]?.trim();
    if (!value) {
      this.problems.push(`${name} is required`);
      return '';
    }
    return value;
  }

  file(env: Env, name: string): string {
    const path = this.required(env, name);
    if (path && !existsSync(path)) {
      this.problems.push(`${name} names ${path}, which does not exist`);
    }
    return path;
  }

  integer(env: Env, name: string, fallback: number, min: number, max: number): number {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }
}

/**
 * Reads `TONGBAN_API_KEYS`: comma-separated `name:role:sha256hex` entries, the
 * hex being the SHA-256 of the key a partner system sends. Keys are never
 * configured in clear.
 */
function readApiKeys(raw: string, errors: ConfigErrors): ApiKeyEntry[] {
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .flatMap((entry) => {
      const [name = '', role = '', hash = ''] = entry.split(':');
      if (!name || !isRole(role) || !SHA256_RULE.pattern.test(hash)) {
        errors.problems.push(`TONGBAN_API_KEYS entry "${name}:${role}:…" must be name:role:sha256-hex with role one of ${ROLES.join(', ')}`);
        return [];
      }
      return [{ name, role, sha256: Buffer.from(hash, 'hex') }];
    });
}

/**
 * Reads `TONGBAN_PARTNER_GATEWAYS`: comma-separated `MSP=https://host:port`
 * entries, the gateways of partner cities. No key: gateways authenticate
 * each other by their TLS certificates.
 */
function readPartnerGateways(raw: string, errors: ConfigErrors): Record<string, { url: string }> {
  const partners: Record<string, { url: string }> = {};
  for (const entry of raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')) {
    const match = /^([A-Za-z0-9._-]+)=(\S+)$/.exec(entry);
    const url = match && URL.canParse(match[2]) ? new URL(match[2]) : undefined;
    if (!match || !url || url.protocol !== 'https:' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
      errors.problems.push(
        `TONGBAN_PARTNER_GATEWAYS entry for "${entry.split('=')[0]}" must be MSP=https://host:port (partner keys are gone: gateways present TLS client certificates)`,
      );
      continue;
    }
    partners[match[1]] = { url: url.href.replace(/\/$/, '') };
  }
  return partners;
}

/** Reads `TONGBAN_CITY_NAMES`: comma-separated `MSP=display name` entries. */
function readCityNames(raw: string, errors: ConfigErrors): Record<string, string> {
  const names: Record<string, string> = {};
  for (const entry of raw.split(',').filter((item) => item.trim() !== '')) {
    const match = /^\s*([A-Za-z0-9._-]+)=(.*\S)\s*$/.exec(entry);
    if (match) names[match[1]] = match[2];
    else errors.problems.push(`TONGBAN_CITY_NAMES entry "${entry.trim()}" must be MSP=display name`);
  }
  return names;
}

/** Reads `TONGBAN_PUBLIC_URL`: an http(s) URL without query or fragment; returned without a trailing slash. */
function readPublicUrl(raw: string, errors: ConfigErrors): string {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.search !== '' || url.hash !== '') {
    errors.problems.push(`TONGBAN_PUBLIC_URL must be an http(s) URL without query or fragment (got "${raw}")`);
    return '';
  }
  return url.href.replace(/\/$/, '');
}

/** Reads TONGBAN_CA_URL, _NAME, _TLS_ROOT_CERT, _REGISTRAR_CERT and _REGISTRAR_KEY: all of them, or none. */
function readCa(env: Env, errors: ConfigErrors): GatewayConfig['ca'] {
  const url = env.TONGBAN_CA_URL?.trim();
  if (!url) return undefined;
  if (!/^https:\/\/[^/?#]+$/.test(url)) errors.problems.push(`TONGBAN_CA_URL must be https://host:port (got "${url}")`);
  return {
    url,
    caName: errors.required(env, 'TONGBAN_CA_NAME'),
    tlsRootCertPath: errors.file(env, 'TONGBAN_CA_TLS_ROOT_CERT'),
    registrarCertPath: errors.file(env, 'TONGBAN_CA_REGISTRAR_CERT'),
    registrarKeyPath: errors.file(env, 'TONGBAN_CA_REGISTRAR_KEY'),
  };
}

/** Builds and checks the configuration; throws one error listing every problem. */
export function validateConfig(env: Env): GatewayConfig {
  const errors = new ConfigErrors();
  const identities: Partial<Record<Role, RoleIdentity>> = {};
  for (const role of ROLES) {
    const prefix = `TONGBAN_IDENTITY_${role.toUpperCase()}`;
    if (env[`${prefix}_CERT`] || env[`${prefix}_KEY`]) {
      identities[role] = { certificatePath: errors.file(env, `${prefix}_CERT`), privateKeyPath: errors.file(env, `${prefix}_KEY`) };
    }
  }
  const apiKeys = readApiKeys(errors.required(env, 'TONGBAN_API_KEYS'), errors);
  for (const key of apiKeys) {
    if (!identities[key.role]) {
      errors.problems.push(`API key ${key.name} acts as ${key.role}, but TONGBAN_IDENTITY_${key.role.toUpperCase()}_CERT/_KEY are not set`);
    }
  }
  const host = env.TONGBAN_HOST?.trim() || '127.0.0.1';
  const port = errors.integer(env, 'TONGBAN_PORT', 3000, 1, 65535);
  const config: GatewayConfig = {
    host,
    port,
    mspId: errors.required(env, 'TONGBAN_MSP_ID'),
    channel: env.TONGBAN_CHANNEL?.trim() || 'tongban',
    chaincode: env.TONGBAN_CHAINCODE?.trim() || 'tongban',
    peerEndpoint: errors.required(env, 'TONGBAN_PEER_ENDPOINT'),
    peerTlsRootCertPath: errors.file(env, 'TONGBAN_PEER_TLS_ROOT_CERT'),
    peerTlsServerName: env.TONGBAN_PEER_TLS_SERVER_NAME?.trim() || undefined,
    tls: { certificatePath: errors.file(env, 'TONGBAN_TLS_CERT'), privateKeyPath: errors.file(env, 'TONGBAN_TLS_KEY') },
    identities,
    apiKeys,
    deadlines: {
      evaluateMs: errors.integer(env, 'TONGBAN_EVALUATE_TIMEOUT_MS', DEFAULT_DEADLINES.evaluateMs, 100, 600_000),
      endorseMs: errors.integer(env, 'TONGBAN_ENDORSE_TIMEOUT_MS', DEFAULT_DEADLINES.endorseMs, 100, 600_000),
      submitMs: errors.integer(env, 'TONGBAN_SUBMIT_TIMEOUT_MS', DEFAULT_DEADLINES.submitMs, 100, 600_000),
      commitStatusMs: errors.integer(env, 'TONGBAN_COMMIT_TIMEOUT_MS', DEFAULT_DEADLINES.commitStatusMs, 100, 600_000),
    },
    submitRetries: errors.integer(env, 'TONGBAN_SUBMIT_RETRIES', 3, 0, 10),
    drainTimeoutMs: errors.integer(env, 'TONGBAN_DRAIN_TIMEOUT_MS', 10_000, 0, 600_000),
    rateLimits: {
      perAddress: { perSecond: errors.integer(env, 'TONGBAN_RATE_LIMIT_PER_ADDRESS', 4000, 0, 1_000_000) },
      perApiKey: { perSecond: errors.integer(env, 'TONGBAN_RATE_LIMIT_PER_API_KEY', 2000, 0, 1_000_000) },
      publicPerAddress: { perSecond: errors.integer(env, 'TONGBAN_RATE_LIMIT_PUBLIC_PER_ADDRESS', 5, 0, 1_000_000) },
    },
    publicUrl: readPublicUrl(env.TONGBAN_PUBLIC_URL?.trim() || `https://${host}:${String(port)}`, errors),
    cityNames: readCityNames(env.TONGBAN_CITY_NAMES ?? '', errors),
    webhookAllowedUrls: (env.TONGBAN_WEBHOOK_ALLOWED_URLS?.trim() || 'http://127.0.0.1:,http://localhost:,http://[::1]:')
      .split(',')
      .map((prefix) => prefix.trim())
      .filter((prefix) => prefix !== ''),
    operations:
      env.TONGBAN_OPERATIONS_PORT === undefined
        ? undefined
        : { host: env.TONGBAN_OPERATIONS_HOST?.trim() || '127.0.0.1', port: errors.integer(env, 'TONGBAN_OPERATIONS_PORT', 0, 1, 65_535) },
    applicantSaltSecret: errors.required(env, 'TONGBAN_APPLICANT_SALT_SECRET'),
    dataDir: env.TONGBAN_DATA_DIR?.trim() || 'data',
    ca: readCa(env, errors),
    materials: {
      maxBytes: errors.integer(env, 'TONGBAN_MATERIAL_MAX_BYTES', 20 * 1024 * 1024, MATERIAL_SIZE_RULE.min, MATERIAL_SIZE_RULE.max),
      mediaTypes: (env.TONGBAN_MATERIAL_MEDIA_TYPES?.trim() || 'application/pdf,image/jpeg,image/png').split(',').map((type) => type.trim()),
    },
    imports: {
      batchRows: errors.integer(env, 'TONGBAN_IMPORT_BATCH_ROWS', 250, IMPORT_BATCH_RULE.min, IMPORT_BATCH_RULE.max),
      concurrency: errors.integer(env, 'TONGBAN_IMPORT_CONCURRENCY', 4, 1, 64),
      maxBytes: errors.integer(env, 'TONGBAN_IMPORT_MAX_BYTES', 1024 ** 3, 1, 16 * 1024 ** 3),
    },
    requestTimeoutMs: errors.integer(env, 'TONGBAN_REQUEST_TIMEOUT_MS', 3_600_000, 0, 86_400_000),
    partnerGateways: readPartnerGateways(env.TONGBAN_PARTNER_GATEWAYS ?? '', errors),
    partnerTrustRefreshMs: errors.integer(env, 'TONGBAN_PARTNER_TRUST_REFRESH_MS', 20_000, 1_000, 3_600_000),
  };
  if (env.TONGBAN_PARTNER_KEYS !== undefined) {
    errors.problems.push('TONGBAN_PARTNER_KEYS is no longer read: partner gateways are authenticated by their TLS client certificates; unset it');
  }
  if (config.applicantSaltSecret && config.applicantSaltSecret.length < 32) {
    errors.problems.push('TONGBAN_APPLICANT_SALT_SECRET must be at least 32 characters');
  }
  if (config.peerEndpoint && !/^[^:]+:\d+$/.test(config.peerEndpoint)) {
    errors.problems.push(`TONGBAN_PEER_ENDPOINT must be host:port (got "${config.peerEndpoint}")`);
  }
  if (errors.problems.length > 0) {
    throw new Error(`invalid gateway configuration:\n  - ${errors.problems.join('\n  - ')}`);
  }
  return config;
}

/** The configuration as printed on boot: API key hashes shortened, no key material. */
export function describeConfig(config: GatewayConfig): Record<string, unknown> {
  return {
    ...config,
    applicantSaltSecret: '***',
    partnerGateways: Object.fromEntries(Object.entries(config.partnerGateways).map(([msp, partner]) => [msp, partner.url])),
    apiKeys: config.apiKeys.map((key) => `${key.name}:${key.role}:${key.sha256.toString('hex').slice(0, 8)}…`),
  };
}
