/**
 * Evaluates a channel policy against the identities whose signatures verified, as Fabric does:
 * an ImplicitMeta policy (ANY / ALL / MAJORITY of a sub-policy over the sub-groups of its group)
 * down to each organisation's signature policy (n-out-of over MSP principals, each identity used
 * at most once).
 */
import { common, msp as mspProto } from '@hyperledger/fabric-protos';
import type { ChannelConfig } from './channel-config';
import type { SerializedIdentity } from './identity';
import { holdsRole } from './msp-identity';

/** A signer whose signature verified and whose certificate chains to its MSP. */
export interface VerifiedSigner {
  identity: SerializedIdentity;
  ous: string[];
}

export interface PolicyOutcome {
  satisfied: boolean;
  description: string;
  /** Orgs whose sub-policy the signers satisfy. */
  satisfiedBy: string[];
}

const RULE_NAMES = ['ANY', 'ALL', 'MAJORITY'];

/**
 * Evaluates a policy of the config by its full path, e.g. `/Channel/Application/Endorsement`,
 * `/Channel/Application/Finance/Admins`, `/Channel/Orderer/BlockValidation` or `/Channel/Admins`.
 * An ImplicitMeta policy counts the sub-groups (orgs, or Application and Orderer) whose own
 * sub-policy the signers satisfy.
 */
export function evaluatePolicy(path: string, config: ChannelConfig, signers: VerifiedSigner[]): PolicyOutcome {
  const parts = path.split('/');
  if (parts[0] !== '' || parts[1] !== 'Channel' || parts.length < 3) return { satisfied: false, description: `cannot evaluate policy ${path}`, satisfiedBy: [] };
  let group: common.ConfigGroup | undefined = config.root;
  for (const name of parts.slice(2, -1)) group = group?.getGroupsMap().get(name);
  const policy = group?.getPoliciesMap().get(parts[parts.length - 1])?.getPolicy();
  if (!group || !policy) return { satisfied: false, description: `the channel config has no policy ${path}`, satisfiedBy: [] };
  return evaluateIn(group, policy, path, config, signers);
}

function evaluateIn(group: common.ConfigGroup, policy: common.Policy, path: string, config: ChannelConfig, signers: VerifiedSigner[]): PolicyOutcome {
  if (policy.getType() === common.Policy.PolicyType.IMPLICIT_META) {
    return implicitMeta(decodedOnce(implicitMetaRules, policy, (b) => common.ImplicitMetaPolicy.deserializeBinary(b)), group, config, signers);
  }
  if (policy.getType() === common.Policy.PolicyType.SIGNATURE) {
    const satisfied = signaturePolicy(decodedOnce(signatureRules, policy, (b) => common.SignaturePolicyEnvelope.deserializeBinary(b)), config, signers);
    const mspId = mspIdOf(group);
    return { satisfied, description: mspId ? `${mspId}'s ${path.split('/').pop()} policy` : `signature policy ${path}`, satisfiedBy: satisfied && mspId ? [mspId] : [] };
  }
  return { satisfied: false, description: `policy ${path} has an unsupported type ${policy.getType()}`, satisfiedBy: [] };
}

function implicitMeta(meta: common.ImplicitMetaPolicy, group: common.ConfigGroup, config: ChannelConfig, signers: VerifiedSigner[]): PolicyOutcome {
  const rule = meta.getRule();
  const subPolicy = meta.getSubPolicy();
  const subGroups: Array<[string, common.ConfigGroup]> = [];
  group.getGroupsMap().forEach((sub: common.ConfigGroup, name: string) => void subGroups.push([name, sub]));
  const needed = rule === 0 ? 1 : rule === 1 ? subGroups.length : Math.floor(subGroups.length / 2) + 1;
  const satisfiedBy = subGroups
    .filter(([name, sub]) => {
      const policy = sub.getPoliciesMap().get(subPolicy)?.getPolicy();
      return !!policy && evaluateIn(sub, policy, `${name}/${subPolicy}`, config, signers).satisfied;
    })
    .map(([name, sub]) => mspIdOf(sub) ?? name)
    .sort();
  const allOrgs = subGroups.every(([, sub]) => mspIdOf(sub));
  return {
    satisfied: satisfiedBy.length >= needed,
    description: `${RULE_NAMES[rule] ?? rule} ${subPolicy} of ${subGroups.length} ${allOrgs ? 'orgs' : 'groups'} needs ${needed}`,
    satisfiedBy,
  };
}

/**
 * A config group's MSP id, and a policy's decoded rule, read once per config object: configs are
 * read once per distinct bytes and shared (channel-config.ts), and reading an org's MSP value
 * decodes its certificates and CRLs. What the policy requires is still evaluated every time.
 */
const mspIds = new WeakMap<common.ConfigGroup, string | null>();
const implicitMetaRules = new WeakMap<common.Policy, common.ImplicitMetaPolicy>();
const signatureRules = new WeakMap<common.Policy, common.SignaturePolicyEnvelope>();

function mspIdOf(group: common.ConfigGroup): string | null {
  let mspId = mspIds.get(group);
  if (mspId === undefined) mspIds.set(group, (mspId = readMspId(group)));
  return mspId;
}

function decodedOnce<T>(cache: WeakMap<common.Policy, T>, policy: common.Policy, decode: (bytes: Uint8Array) => T): T {
  let decoded = cache.get(policy);
  if (decoded === undefined) cache.set(policy, (decoded = decode(policy.getValue_asU8())));
  return decoded;
}

function readMspId(group: common.ConfigGroup): string | null {
  const value = group.getValuesMap().get('MSP');
  if (!value) return null;
  try {
    return mspProto.FabricMSPConfig.deserializeBinary(mspProto.MSPConfig.deserializeBinary(value.getValue_asU8()).getConfig_asU8()).getName();
  } catch {
    return null;
  }
}

function signaturePolicy(envelope: common.SignaturePolicyEnvelope, config: ChannelConfig, signers: VerifiedSigner[]): boolean {
  const rule = envelope.getRule();
  if (!rule) return false;
  const used = signers.map(() => false);
  return evaluate(rule, envelope.getIdentitiesList(), config, signers, used);
}

function evaluate(
  rule: common.SignaturePolicy,
  principals: mspProto.MSPPrincipal[],
  config: ChannelConfig,
  signers: VerifiedSigner[],
  used: boolean[],
): boolean {
  if (rule.hasSignedBy()) {
    const principal = principals[rule.getSignedBy()];
    if (!principal) return false;
    const index = signers.findIndex((signer, i) => !used[i] && satisfiesPrincipal(signer, principal, config));
    if (index < 0) return false;
    used[index] = true;
    return true;
  }
  const nOutOf = rule.getNOutOf();
  if (!nOutOf) return false;
  let verified = 0;
  for (const child of nOutOf.getRulesList()) {
    const trial = [...used];
    if (evaluate(child, principals, config, signers, trial)) {
      verified++;
      trial.forEach((value, i) => (used[i] = value));
    }
  }
  return verified >= nOutOf.getN();
}

function satisfiesPrincipal(signer: VerifiedSigner, principal: mspProto.MSPPrincipal, config: ChannelConfig): boolean {
  if (principal.getPrincipalClassification() !== mspProto.MSPPrincipal.Classification.ROLE) return false;
  const role = mspProto.MSPRole.deserializeBinary(principal.getPrincipal_asU8());
  return holdsRole(signer.identity, signer, role.getMspIdentifier(), role.getRole(), config);
}
