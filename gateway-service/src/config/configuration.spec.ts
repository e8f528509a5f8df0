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

  it("reads the public page's settings: its URL (the gateway's own by default), city names and the public rate limit", () => {
    const env = testEnvironment();
    expect(validateConfig(env)).toMatchObject({
      publicUrl: 'https://127.0.0.1:3000',
      cityNames: { HaidianMSP: '北京市海淀区', FoshanMSP: '佛山市' },
      rateLimits: { publicPerAddress: { perSecond: 5 } },
    });
    env.TONGBAN_PUBLIC_URL = 'https://tongban.haidian.gov.cn/';
    expect(validateConfig(env).publicUrl).toBe('https://tongban.haidian.gov.cn');
    env.TONGBAN_PUBLIC_URL = 'ftp://haidian';
    expect(() => validateConfig(env)).toThrow('TONGBAN_PUBLIC_URL must be an http(s) URL without query or fragment (got "ftp://haidian")');
    delete env.TONGBAN_PUBLIC_URL;
    env.TONGBAN_CITY_NAMES = 'HaidianMSP';
    expect(() => validateConfig(env)).toThrow('TONGBAN_CITY_NAMES entry "HaidianMSP" must be MSP=display name');
  });

  it("reads the city's CA for staff management: all of its settings or none", () => {
    const env = testEnvironment();
    expect(validateConfig(env).ca).toBeUndefined();
    env.TONGBAN_CA_URL = 'https://127.0.0.1:7154';
    expect(() => validateConfig(env)).toThrow(['  - TONGBAN_CA_NAME is required', '  - TONGBAN_CA_TLS_ROOT_CERT is required'].join('\n'));
    Object.assign(env, {
      TONGBAN_CA_NAME: 'ca.haidian',
      TONGBAN_CA_TLS_ROOT_CERT: env.TONGBAN_PEER_TLS_ROOT_CERT,
      TONGBAN_CA_REGISTRAR_CERT: env.TONGBAN_PEER_TLS_ROOT_CERT,
      TONGBAN_CA_REGISTRAR_KEY: env.TONGBAN_PEER_TLS_ROOT_CERT,
    });
    expect(validateConfig(env).ca).toMatchObject({ url: 'https://127.0.0.1:7154', caName: 'ca.haidian' });
    env.TONGBAN_CA_URL = 'http://127.0.0.1:7154';
    expect(() => validateConfig(env)).toThrow('TONGBAN_CA_URL must be https://host:port (got "http://127.0.0.1:7154")');
  });

  it("reads the gateway's TLS certificate and key, which must exist", () => {
    const env = testEnvironment();
    expect(validateConfig(env).tls).toEqual({ certificatePath: env.TONGBAN_TLS_CERT, privateKeyPath: env.TONGBAN_TLS_KEY });
    delete env.TONGBAN_TLS_CERT;
    env.TONGBAN_TLS_KEY = '/nowhere/tls.key';
    expect(() => validateConfig(env)).toThrow(
      ['  - TONGBAN_TLS_CERT is required', '  - TONGBAN_TLS_KEY names /nowhere/tls.key, which does not exist'].join('\n'),
    );
  });

  it("reads partner gateways as MSP=https URLs without keys, and how often the channel's TLS CAs are read", () => {
    const env = testEnvironment();
    env.TONGBAN_PARTNER_GATEWAYS = ' FoshanMSP=https://10.77.0.102:7290/ , TianjinMSP=https://gateway.tianjin.example:7390';
    delete env.TONGBAN_PARTNER_TRUST_REFRESH_MS;
    expect(validateConfig(env)).toMatchObject({
      partnerGateways: { FoshanMSP: { url: 'https://10.77.0.102:7290' }, TianjinMSP: { url: 'https://gateway.tianjin.example:7390' } },
      partnerTrustRefreshMs: 20_000,
    });
    env.TONGBAN_PARTNER_GATEWAYS = 'FoshanMSP=http://127.0.0.1:7290,TianjinMSP=https://127.0.0.1:7390|a-partner-key';
    env.TONGBAN_PARTNER_TRUST_REFRESH_MS = '500';
    expect(() => validateConfig(env)).toThrow(
      [
        '  - TONGBAN_PARTNER_GATEWAYS entry for "FoshanMSP" must be MSP=https://host:port (partner keys are gone: gateways present TLS client certificates)',
        '  - TONGBAN_PARTNER_GATEWAYS entry for "TianjinMSP" must be MSP=https://host:port (partner keys are gone: gateways present TLS client certificates)',
        '  - TONGBAN_PARTNER_TRUST_REFRESH_MS must be an integer from 1000 to 3600000 (got "500")',
      ].join('\n'),
    );
  });

  it('refuses the partner keys of earlier versions rather than ignore them', () => {
    const env = { ...testEnvironment(), TONGBAN_PARTNER_KEYS: `FoshanMSP:${'ab'.repeat(32)}` };
    expect(() => validateConfig(env)).toThrow(
      'TONGBAN_PARTNER_KEYS is no longer read: partner gateways are authenticated by their TLS client certificates; unset it',
    );
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
