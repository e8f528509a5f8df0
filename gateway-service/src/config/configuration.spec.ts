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
