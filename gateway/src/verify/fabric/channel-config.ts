/**
 * Reads a channel configuration block: each organisation's MSP (root and intermediate CA
 * certificates, revocation lists, node OU roles) and the policies the checks evaluate, for the
 * application and the orderer groups. Only what the verifier needs; the config chain check
 * (checks/config-chain.ts) decides whether a config block is the one in effect.
 */
import { common, msp } from '@hyperledger/fabric-protos';
import { X509Certificate } from 'node:crypto';
import { BoundedMemo, digestOf } from '../bounded-memo';
import { readRevocationList, type RevocationList } from './revocation';

export interface NodeOUs {
  client: string | null;
  peer: string | null;
  admin: string | null;
  orderer: string | null;
}

export interface MspDefinition {
  mspId: string;
  rootCerts: X509Certificate[];
  intermediateCerts: X509Certificate[];
  /** Admin certificates listed explicitly (PEM); with node OUs, admins are usually told by OU instead. */
  adminCertsPem: string[];
  nodeOUs: NodeOUs | null;
  revocationLists: RevocationList[];
}

export interface OrgDefinition {
  /** The config group's name. */
  name: string;
  mspId: string;
  policies: Map<string, common.Policy>;
}

export interface ChannelConfig {
  /** The channel the config transaction names. */
  channelId: string;
  /** The whole config tree (/Channel), for policies and modification policies by path. */
  root: common.ConfigGroup;
  sequence: number;
  msps: Map<string, MspDefinition>;
  applicationOrgs: OrgDefinition[];
  applicationPolicies: Map<string, common.Policy>;
  ordererOrgs: OrgDefinition[];
  ordererPolicies: Map<string, common.Policy>;
}

export const APPLICATION_ENDORSEMENT_POLICY = '/Channel/Application/Endorsement';
export const BLOCK_VALIDATION_POLICY = '/Channel/Orderer/BlockValidation';

/**
 * Configs already read, by the envelope's bytes: every bundle carries the config chain from the
 * genesis block, and one object per config lets the membership checks' per-config cache hit across
 * bundles. The object is shared, so nothing may change it (no check does).
 */
const readConfigs = new BoundedMemo<ChannelConfig>(256);

/** The config of a CONFIG transaction envelope, read once per distinct envelope bytes. */
export function channelConfigOf(envelopeBytes: Uint8Array): ChannelConfig {
  return readConfigs.get(digestOf(envelopeBytes), () => readChannelConfig(envelopeBytes));
}

/** The config of a CONFIG transaction envelope (the single data entry of a config block). */
export function readChannelConfig(envelopeBytes: Uint8Array): ChannelConfig {
  const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envelopeBytes).getPayload_asU8());
  const channelHeader = common.ChannelHeader.deserializeBinary(payload.getHeader()!.getChannelHeader_asU8());
  if (channelHeader.getType() !== common.HeaderType.CONFIG) {
    throw new Error(`not a config transaction (header type ${channelHeader.getType()})`);
  }
  const config = common.ConfigEnvelope.deserializeBinary(payload.getData_asU8()).getConfig();
  const channelGroup = config?.getChannelGroup();
  if (!config || !channelGroup) throw new Error('the config envelope has no channel group');
  const application = channelGroup.getGroupsMap().get('Application');
  const orderer = channelGroup.getGroupsMap().get('Orderer');
  const applicationOrgs = application ? orgsOf(application) : [];
  const ordererOrgs = orderer ? orgsOf(orderer) : [];
  const msps = new Map<string, MspDefinition>();
  for (const group of [application, orderer]) {
    if (!group) continue;
    group.getGroupsMap().forEach((orgGroup: common.ConfigGroup) => {
      const definition = mspOf(orgGroup);
      if (definition) msps.set(definition.mspId, definition);
    });
  }
  return {
    channelId: channelHeader.getChannelId(),
    root: channelGroup,
    sequence: config.getSequence(),
    msps,
    applicationOrgs,
    applicationPolicies: application ? policiesOf(application) : new Map(),
    ordererOrgs,
    ordererPolicies: orderer ? policiesOf(orderer) : new Map(),
  };
}

/** True when the envelope is a CONFIG transaction (a config block's entry). */
export function isConfigEnvelope(envelopeBytes: Uint8Array): boolean {
  try {
    const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envelopeBytes).getPayload_asU8());
    return common.ChannelHeader.deserializeBinary(payload.getHeader()!.getChannelHeader_asU8()).getType() === common.HeaderType.CONFIG;
  } catch {
    return false;
  }
}

function orgsOf(group: common.ConfigGroup): OrgDefinition[] {
  const orgs: OrgDefinition[] = [];
  group.getGroupsMap().forEach((orgGroup: common.ConfigGroup, name: string) => {
    const definition = mspOf(orgGroup);
    if (definition) orgs.push({ name, mspId: definition.mspId, policies: policiesOf(orgGroup) });
  });
  return orgs.sort((a, b) => a.name.localeCompare(b.name));
}

function policiesOf(group: common.ConfigGroup): Map<string, common.Policy> {
  const policies = new Map<string, common.Policy>();
  group.getPoliciesMap().forEach((configPolicy: common.ConfigPolicy, name: string) => {
    const policy = configPolicy.getPolicy();
    if (policy) policies.set(name, policy);
  });
  return policies;
}

const FABRIC_MSP_TYPE = 0;

function mspOf(orgGroup: common.ConfigGroup): MspDefinition | null {
  const value = orgGroup.getValuesMap().get('MSP');
  if (!value) return null;
  const mspConfig = msp.MSPConfig.deserializeBinary(value.getValue_asU8());
  if (mspConfig.getType() !== FABRIC_MSP_TYPE) return null;
  const fabric = msp.FabricMSPConfig.deserializeBinary(mspConfig.getConfig_asU8());
  const nodeOUs = fabric.getFabricNodeOus();
  const ou = (identifier: msp.FabricOUIdentifier | undefined) => identifier?.getOrganizationalUnitIdentifier() || null;
  return {
    mspId: fabric.getName(),
    rootCerts: fabric.getRootCertsList_asU8().map((pem) => new X509Certificate(Buffer.from(pem))),
    intermediateCerts: fabric.getIntermediateCertsList_asU8().map((pem) => new X509Certificate(Buffer.from(pem))),
    adminCertsPem: fabric.getAdminsList_asU8().map((pem) => Buffer.from(pem).toString('utf8')),
    nodeOUs: nodeOUs?.getEnable()
      ? {
          client: ou(nodeOUs.getClientOuIdentifier()),
          peer: ou(nodeOUs.getPeerOuIdentifier()),
          admin: ou(nodeOUs.getAdminOuIdentifier()),
          orderer: ou(nodeOUs.getOrdererOuIdentifier()),
        }
      : null,
    revocationLists: fabric.getRevocationListList_asU8().map((crl) => readRevocationList(crl)),
  };
}
