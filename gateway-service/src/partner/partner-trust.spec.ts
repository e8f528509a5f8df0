import { makeRootCa, makeTlsCertificate, TestCertificate } from '../../test/support/certificates';
import { TlsOrganisation } from './certificate-chain';
import { ChannelTrustStore } from './partner-trust';

const foshanCa = makeRootCa('ca.foshan', 'FoshanMSP');
const tianjinCa = makeRootCa('ca.tianjin', 'TianjinMSP');
const changshaCa = makeRootCa('ca.changsha', 'ChangshaMSP');
const organisation = (mspId: string, ca: TestCertificate): TlsOrganisation => ({ mspId, roots: [ca.x509], intermediates: [] });
const foshan = organisation('FoshanMSP', foshanCa);
const tianjin = organisation('TianjinMSP', tianjinCa);
const changsha = organisation('ChangshaMSP', changshaCa);
const changshaGateway = makeTlsCertificate(changshaCa, 'gateway.changsha').x509;
const tianjinGateway = makeTlsCertificate(tianjinCa, 'gateway.tianjin').x509;

/** A store over a scripted channel: `channel` is what the next read answers (or throws), `clock` the time in ms. */
function storeOver(initial: TlsOrganisation[]) {
  const state = { channel: initial as TlsOrganisation[] | Error, clock: 1_000_000, reads: 0 };
  const store = new ChannelTrustStore(
    () => {
      state.reads += 1;
      const answer = state.channel;
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
    5_000,
    () => state.clock,
  );
  return { state, store };
}

describe('ChannelTrustStore', () => {
  it('reads the configuration once for callers that ask at the same time', async () => {
    const { state, store } = storeOver([foshan, tianjin]);
    const [first, second] = await Promise.all([store.organisations(), store.organisations()]);
    expect(first).toEqual([foshan, tianjin]);
    expect(second).toBe(first);
    expect(state.reads).toBe(1);
  });

  it('trusts a city added to the channel at its first call, reading the configuration again at once', async () => {
    const { state, store } = storeOver([foshan, tianjin]);
    await store.refresh();
    state.clock += 6_000;
    state.channel = [changsha, foshan, tianjin];
    expect(await store.identify(changshaGateway, new Date())).toEqual({ mspId: 'ChangshaMSP' });
    expect(state.reads).toBe(2);
    expect(await store.organisation('ChangshaMSP')).toBe(changsha);
  });

  it('reads again for an unknown certificate at most once per interval', async () => {
    const { state, store } = storeOver([foshan]);
    await store.refresh();
    state.channel = [foshan, changsha];
    state.clock += 1_000;
    expect(await store.identify(changshaGateway, new Date())).toMatchObject({ refusal: 'CLIENT_CERTIFICATE_UNTRUSTED' });
    expect(await store.organisation('ChangshaMSP')).toBeUndefined();
    expect(state.reads).toBe(1);
    state.clock += 4_000;
    expect(await store.identify(changshaGateway, new Date())).toEqual({ mspId: 'ChangshaMSP' });
    expect(state.reads).toBe(2);
  });

  it('refuses a city removed from the channel once the configuration is read again', async () => {
    const { state, store } = storeOver([foshan, tianjin]);
    expect(await store.identify(tianjinGateway, new Date())).toEqual({ mspId: 'TianjinMSP' });
    state.channel = [foshan];
    await store.refresh();
    expect(await store.identify(tianjinGateway, new Date())).toMatchObject({
      refusal: 'CLIENT_CERTIFICATE_UNTRUSTED',
      detail: expect.stringContaining("organisation in the channel's configuration (FoshanMSP)") as unknown,
    });
  });

  it('keeps what it knew when a read fails, and knows nothing until a first read succeeds', async () => {
    const { state, store } = storeOver([foshan, tianjin]);
    state.channel = new Error('peer unavailable');
    expect(await store.identify(tianjinGateway, new Date())).toBeUndefined();
    expect(store.lastError?.message).toBe('peer unavailable');
    state.clock += 5_000;
    state.channel = [foshan, tianjin];
    expect(await store.identify(tianjinGateway, new Date())).toEqual({ mspId: 'TianjinMSP' });
    state.channel = new Error('peer unavailable');
    await store.refresh();
    expect(await store.identify(tianjinGateway, new Date())).toEqual({ mspId: 'TianjinMSP' });
    expect(store.lastError?.message).toBe('peer unavailable');
  });
});
