/**
 * Is an identity a member of a channel MSP? Its certificate must parse, must not be a CA, must
 * chain (through the MSP's intermediate certificates) to one of the MSP's root certificates, must
 * not be revoked by a CRL of its issuing CA in the MSP config, and must have been valid at the
 * transaction's time. Also: which roles (node OUs) it holds.
 */
import { msp as mspProto } from '@hyperledger/fabric-protos';
import type { X509Certificate } from 'node:crypto';
import { parseCertificate, type SerializedIdentity } from './identity';
import type { ChannelConfig, MspDefinition } from './channel-config';
import { isRevoked } from './revocation';

export type MembershipResult =
  | { ok: true; certificate: X509Certificate; ous: string[] }
  | { ok: false; reason: string };

const MAX_CHAIN = 6;
const chainCache = new WeakMap<ChannelConfig, Map<string, MembershipResult>>();

export function checkMembership(identity: SerializedIdentity, config: ChannelConfig, at: Date | null): MembershipResult {
  let cache = chainCache.get(config);
  if (!cache) chainCache.set(config, (cache = new Map()));
  const cacheKey = `${identity.mspId}\n${identity.certificatePem}`;
  let chained = cache.get(cacheKey);
  if (!chained) cache.set(cacheKey, (chained = chainToMsp(identity, config)));
  if (!chained.ok || !at) return chained;
  const { certificate } = chained;
  if (at < new Date(certificate.validFrom) || at > new Date(certificate.validTo)) {
    return { ok: false, reason: `certificate of ${identity.mspId} was not valid at ${at.toISOString()} (valid ${certificate.validFrom} to ${certificate.validTo})` };
  }
  return chained;
}

function chainToMsp(identity: SerializedIdentity, config: ChannelConfig): MembershipResult {
  const definition = config.msps.get(identity.mspId);
  if (!definition) return { ok: false, reason: `${identity.mspId} is not an MSP of the channel` };
  const certificate = parseCertificate(identity.certificatePem);
  if (!certificate) return { ok: false, reason: `the certificate of a ${identity.mspId} identity does not parse` };
  if (certificate.ca) return { ok: false, reason: `a CA certificate cannot be a ${identity.mspId} identity` };
  const root = chainToRoot(certificate, definition);
  if (!root) return { ok: false, reason: `certificate "${oneLine(certificate.subject)}" does not chain to a ${identity.mspId} root CA` };
  const issuer = [...definition.rootCerts, ...definition.intermediateCerts].find((candidate) => issued(candidate, certificate));
  if (issuer && isRevoked(certificate, issuer, definition.revocationLists)) {
    return { ok: false, reason: `certificate "${oneLine(certificate.subject)}" (serial ${certificate.serialNumber}) is revoked by a CRL of ${identity.mspId}` };
  }
  return { ok: true, certificate, ous: organizationalUnits(certificate) };
}

function chainToRoot(certificate: X509Certificate, definition: MspDefinition): X509Certificate | null {
  let current = certificate;
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    const root = definition.rootCerts.find((candidate) => issued(candidate, current));
    if (root) return root;
    const intermediate = definition.intermediateCerts.find((candidate) => candidate !== current && issued(candidate, current));
    if (!intermediate) return null;
    current = intermediate;
  }
  return null;
}

function issued(issuer: X509Certificate, subject: X509Certificate): boolean {
  return issuer.ca && subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
}

function organizationalUnits(certificate: X509Certificate): string[] {
  return certificate.subject
    .split('\n')
    .filter((line) => line.startsWith('OU='))
    .map((line) => line.slice(3));
}

function oneLine(subject: string): string {
  return subject.split('\n').join(', ');
}

const Role = mspProto.MSPRole.MSPRoleType;

/** Whether a member identity holds an MSP role (MEMBER, ADMIN, CLIENT, PEER, ORDERER) of `mspId`. */
export function holdsRole(
  identity: SerializedIdentity,
  membership: { ous: string[] },
  mspId: string,
  role: number,
  config: ChannelConfig,
): boolean {
  if (identity.mspId !== mspId) return false;
  const definition = config.msps.get(mspId);
  if (!definition) return false;
  if (role === Role.MEMBER) return true;
  const ous = definition.nodeOUs;
  const has = (ou: string | null | undefined) => !!ou && membership.ous.includes(ou);
  switch (role) {
    case Role.ADMIN:
      return definition.adminCertsPem.some((pem) => samePem(pem, identity.certificatePem)) || has(ous?.admin);
    case Role.CLIENT:
      return has(ous?.client);
    case Role.PEER:
      return has(ous?.peer);
    case Role.ORDERER:
      return has(ous?.orderer);
    default:
      return false;
  }
}

function samePem(a: string, b: string): boolean {
  return a.replace(/\s+/g, '') === b.replace(/\s+/g, '');
}
