/**
 * The application organisations of a channel and their TLS CAs, read from
 * the channel's configuration as the configuration system chaincode answers
 * it (cscc GetChannelConfig: a common.Config). Pure: bytes in, organisations out.
 */
import { X509Certificate } from 'node:crypto';
import { common, msp } from '@hyperledger/fabric-protos';
import type { TlsOrganisation } from './certificate-chain';

/** What is read of google-protobuf's maps (its types, @types/google-protobuf, are not installed: the map would be untyped). */
interface ProtoMap<V> {
  get(key: string): V | undefined;
  forEach(callback: (value: V, key: string) => void): void;
}
const groupsOf = (group: common.ConfigGroup) => group.getGroupsMap() as unknown as ProtoMap<common.ConfigGroup>;
const valuesOf = (group: common.ConfigGroup) => group.getValuesMap() as unknown as ProtoMap<common.ConfigValue>;

/** MSPConfig.type of an X.509 (Fabric) MSP; the other kind, Idemix, has no TLS CAs. */
const FABRIC_MSP_TYPE = 0;

/** Reads one certificate of the configuration (PEM, as configtxgen writes them, or DER); none when it is unreadable. */
function certificateOf(bytes: Uint8Array): X509Certificate | undefined {
  try {
    return new X509Certificate(Buffer.from(bytes));
  } catch {
    return undefined;
  }
}

/**
 * The channel's application organisations (Application group, one group per
 * organisation, its MSP value): each one's MSP ID (FabricMSPConfig.name), TLS
 * root and TLS intermediate certificates. Certificates that cannot be read
 * are counted in `unreadable` and left out.
 */
export function organisationsOfChannelConfig(bytes: Uint8Array): { organisations: TlsOrganisation[]; unreadable: number } {
  const config = common.Config.deserializeBinary(bytes);
  const channel = config.getChannelGroup();
  const application = channel && groupsOf(channel).get('Application');
  if (!application) throw new Error('the channel configuration has no Application group');
  const organisations: TlsOrganisation[] = [];
  let unreadable = 0;
  const read = (list: Uint8Array[]): X509Certificate[] =>
    list.flatMap((certificate) => {
      const parsed = certificateOf(certificate);
      if (!parsed) unreadable += 1;
      return parsed ? [parsed] : [];
    });
  groupsOf(application).forEach((group) => {
    const value = valuesOf(group).get('MSP');
    if (!value) return;
    const mspConfig = msp.MSPConfig.deserializeBinary(value.getValue_asU8());
    if (mspConfig.getType() !== FABRIC_MSP_TYPE) return;
    const fabric = msp.FabricMSPConfig.deserializeBinary(mspConfig.getConfig_asU8());
    organisations.push({
      mspId: fabric.getName(),
      roots: read(fabric.getTlsRootCertsList_asU8()),
      intermediates: read(fabric.getTlsIntermediateCertsList_asU8()),
    });
  });
  organisations.sort((a, b) => a.mspId.localeCompare(b.mspId));
  return { organisations, unreadable };
}
