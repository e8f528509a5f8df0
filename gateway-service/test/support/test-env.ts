/**
 * A valid gateway environment for unit tests, with throwaway identity files.
 * Importing this module also installs it into process.env.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role, ROLES } from '@tongban/chaincode/domain';

/** The API key of each role in the test app. */
export const TEST_KEYS: Record<Role, string> = {
  clerk: 'test-clerk-key',
  reviewer: 'test-reviewer-key',
  admin: 'test-admin-key',
  auditor: 'test-auditor-key',
};

/** The key the gateway of the partner city FoshanMSP presents to the test app. */
export const TEST_PARTNER_KEY = 'test-foshan-partner-key';

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
    TONGBAN_PARTNER_KEYS: `FoshanMSP:${createHash('sha256').update(TEST_PARTNER_KEY).digest('hex')}`,
    // The network's other cities; nothing listens there (tests that fetch from a partner start their own).
    TONGBAN_PARTNER_GATEWAYS: 'FoshanMSP=http://127.0.0.1:9|foshan-key,TianjinMSP=http://127.0.0.1:9|tianjin-key',
    TONGBAN_CITY_NAMES: 'HaidianMSP=北京市海淀区,FoshanMSP=佛山市',
    // Small batches, so that an import of a few rows makes several.
    TONGBAN_IMPORT_BATCH_ROWS: '2',
  };
  writeFileSync(env.TONGBAN_PEER_TLS_ROOT_CERT, 'tls root');
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
