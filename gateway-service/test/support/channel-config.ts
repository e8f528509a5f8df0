/**
 * A channel's configuration as the configuration system chaincode answers it
 * (a serialised common.Config), with the application organisations and TLS
 * CAs a test names: what the gateway's partner trust reads from a peer.
 */
import { common, msp } from '@hyperledger/fabric-protos';

export interface ConfiguredOrganisation {
  mspId: string;
  /** PEM certificates. */
  tlsRoots: string[];
  tlsIntermediates?: string[];
  /** The MSP's type: 0 X.509 (Fabric), 1 Idemix. */
  type?: number;
}

/** What is written of google-protobuf's maps (typed here: @types/google-protobuf is not installed). */
interface ProtoMap<V> {
  set(key: string, value: V): void;
}
const groupsOf = (group: common.ConfigGroup) => group.getGroupsMap() as unknown as ProtoMap<common.ConfigGroup>;

/** One organisation's group, with its MSP value. */
function organisationGroup(organisation: ConfiguredOrganisation): common.ConfigGroup {
  const fabric = new msp.FabricMSPConfig();
  fabric.setName(organisation.mspId);
  fabric.setTlsRootCertsList(organisation.tlsRoots.map((pem) => Buffer.from(pem)));
  fabric.setTlsIntermediateCertsList((organisation.tlsIntermediates ?? []).map((pem) => Buffer.from(pem)));
  const mspConfig = new msp.MSPConfig();
  mspConfig.setType(organisation.type ?? 0);
  mspConfig.setConfig(fabric.serializeBinary());
  const value = new common.ConfigValue();
  value.setValue(mspConfig.serializeBinary());
  const group = new common.ConfigGroup();
  (group.getValuesMap() as unknown as ProtoMap<common.ConfigValue>).set('MSP', value);
  return group;
}

/** The serialised configuration of a channel of these application organisations (and an orderer organisation, to be ignored). */
export function channelConfigOf(organisations: ConfiguredOrganisation[], orderer?: ConfiguredOrganisation): Uint8Array {
  const application = new common.ConfigGroup();
  for (const organisation of organisations) groupsOf(application).set(organisation.mspId, organisationGroup(organisation));
  const channel = new common.ConfigGroup();
  groupsOf(channel).set('Application', application);
  if (orderer) {
    const ordering = new common.ConfigGroup();
    groupsOf(ordering).set(orderer.mspId, organisationGroup(orderer));
    groupsOf(channel).set('Orderer', ordering);
  }
  const config = new common.Config();
  config.setChannelGroup(channel);
  return config.serializeBinary();
}
