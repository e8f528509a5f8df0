import { testEnvironment } from '../../test/support/test-app';
import { describeConfig, validateConfig } from './configuration';

describe('gateway configuration', () => {
  it('reads a complete environment and masks secrets when described', () => {
    const config = validateConfig(testEnvironment());
    expect(config).toMatchObject({ mspId: 'HaidianMSP', host: '127.0.0.1', port: 3000, submitRetries: 3 });
    expect(config.apiKeys.map((key) => key.role)).toEqual(['clerk', 'reviewer', 'admin', 'auditor']);
    const described = JSON.stringify(describeConfig(config));
    expect(described).not.toContain('a-test-secret');
    expect(described).not.toContain(config.apiKeys[0].sha256.toString('hex'));
  });

  it("reads the import settings, refusing batches over the chaincode's limit", () => {
    const env = testEnvironment();
    delete env.TONGBAN_IMPORT_BATCH_ROWS;
    expect(validateConfig(env)).toMatchObject({ imports: { batchRows: 250, concurrency: 4, maxBytes: 1024 ** 3 }, requestTimeoutMs: 3_600_000 });
    env.TONGBAN_IMPORT_BATCH_ROWS = '501';
    expect(() => validateConfig(env)).toThrow('TONGBAN_IMPORT_BATCH_ROWS must be an integer from 1 to 500 (got "501")');
  });

  it('names every missing or bad variable at once', () => {
    const env = testEnvironment();
    delete env.TONGBAN_MSP_ID;
    env.TONGBAN_PORT = '70000';
    env.TONGBAN_PEER_TLS_ROOT_CERT = '/nowhere/tls.pem';
    env.TONGBAN_API_KEYS = 'hall:boss:abc';
    expect(() => validateConfig(env)).toThrow(
      [
        'invalid gateway configuration:',
        '  - TONGBAN_API_KEYS entry "hall:boss:…" must be name:role:sha256-hex with role one of clerk, reviewer, admin, auditor',
        '  - TONGBAN_PORT must be an integer from 1 to 65535 (got "70000")',
        '  - TONGBAN_MSP_ID is required',
        '  - TONGBAN_PEER_TLS_ROOT_CERT names /nowhere/tls.pem, which does not exist',
      ].join('\n'),
    );
  });
});
