/**
 * A valid gateway environment for unit tests, with throwaway identity files
 * and a throwaway TLS CA per city (made here, never committed): the test
 * gateway is Haidian's. Importing this module also installs it into process.env.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role, ROLES } from '@tongban/chaincode/domain';
import { makeRootCa, makeTlsCertificate, TestCertificate } from './certificates';
import { channelConfigOf } from './channel-config';

/** The API key of each role in the test app. */
export const TEST_KEYS: Record<Role, string> = {
  clerk: 'test-clerk-key',
  reviewer: 'test-reviewer-key',
  admin: 'test-admin-key',
  auditor: 'test-auditor-key',
};

/** A city of the test channel: its TLS CA and its gateway's TLS certificate (server and client). */
export interface TestCity {
  mspId: string;
  ca: TestCertificate;
  gateway: TestCertificate;
}

const testCity = (mspId: string, name: string): TestCity => {
  const ca = makeRootCa(`ca.${name}`, mspId);
  return { mspId, ca, gateway: makeTlsCertificate(ca, `gateway.${name}`, { organisation: mspId }) };
};

/** The test channel's cities; the test gateway is Haidian's. */
export const TEST_CITIES = {
  haidian: testCity('HaidianMSP', 'haidian'),
  foshan: testCity('FoshanMSP', 'foshan'),
  tianjin: testCity('TianjinMSP', 'tianjin'),
};

/** The test channel's configuration (cscc GetChannelConfig): the three cities and their TLS CAs. */
export function testChannelConfig(): Uint8Array {
  return channelConfigOf(Object.values(TEST_CITIES).map((city) => ({ mspId: city.mspId, tlsRoots: [city.ca.pem] })));
}

/** Environment of a valid gateway configuration, with throwaway identity files. */
export function testEnvironment(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-gateway-test-'));
  const env: Record<string, string> = {
    TONGBAN_MSP_ID: 'HaidianMSP',
    TONGBAN_PEER_ENDPOINT: '127.0.0.1:7101',
    TONGBAN_PEER_TLS_ROOT_CERT: join(dir, 'tls.pem'),
    TONGBAN_APPLICANT_SALT_SECRET: 'a-test-secret-that-is-long-enough-0123',
    TONGBAN_DATA_DIR: join(dir, 'data'),
    TONGBAN_API_KEYS: ROLES.map((role) => `hall-${role}:${role}:${createHash('sha256').update(TEST_KEYS[role]).digest('hex')}`).join(','),
    TONGBAN_TLS_CERT: join(dir, 'gateway-tls.pem'),
    TONGBAN_TLS_KEY: join(dir, 'gateway-tls.key'),
    // The network's other cities; nothing listens there (tests that fetch from a partner start their own).
    TONGBAN_PARTNER_GATEWAYS: 'FoshanMSP=https://127.0.0.1:9,TianjinMSP=https://127.0.0.1:9',
    TONGBAN_CITY_NAMES: 'HaidianMSP=北京市海淀区,FoshanMSP=佛山市',
    // The channel's configuration read every second (and on demand at most as often), so tests see a change soon.
    TONGBAN_PARTNER_TRUST_REFRESH_MS: '1000',
    // Small batches, so that an import of a few rows makes several.
    TONGBAN_IMPORT_BATCH_ROWS: '2',
  };
  writeFileSync(env.TONGBAN_PEER_TLS_ROOT_CERT, 'tls root');
  writeFileSync(env.TONGBAN_TLS_CERT, TEST_CITIES.haidian.gateway.pem);
  writeFileSync(env.TONGBAN_TLS_KEY, TEST_CITIES.haidian.gateway.keyPem);
  for (const role of ROLES) {
    const prefix = `TONGBAN_IDENTITY_${role.toUpperCase()}`;
    env[`${prefix}_CERT`] = join(dir, `${role}.pem`);
    env[`${prefix}_KEY`] = join(dir, `${role}.key`);
    writeFileSync(env[`${prefix}_CERT`], 'cert');
    writeFileSync(env[`${prefix}_KEY`], 'key');
  }
  return env;
}

Object.assign(process.env, testEnvironment());
