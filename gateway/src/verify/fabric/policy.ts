/**
 * Evaluates a channel policy against the identities whose signatures verified, as Fabric does:
 * an ImplicitMeta policy (ANY / ALL / MAJORITY of a sub-policy over the organisations of the
 * group) over each organisation's signature policy (n-out-of over MSP principals, each identity
 * used at most once).
 */
import { common, msp as mspProto } from '@hyperledger/fabric-protos';
import type { ChannelConfig, OrgDefinition } from './channel-config';
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
 * Evaluates `/Channel/<Application|Orderer>/<policy>` or an org's
 * `/Channel/<Application|Orderer>/<org>/<policy>` of the given config.
 */
export function evaluatePolicy(path: string, config: ChannelConfig, signers: VerifiedSigner[]): PolicyOutcome {
  const match = /^\/Channel\/(Application|Orderer)\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (!match) return { satisfied: false, description: `cannot evaluate policy ${path}`, satisfiedBy: [] };
  const [, groupName, first, second] = match;
  const orgs = groupName === 'Application' ? config.applicationOrgs : config.ordererOrgs;
  const policies = groupName === 'Application' ? config.applicationPolicies : config.ordererPolicies;
  if (second !== undefined) return orgPolicy(path, orgs.find((org) => org.name === first), second, config, signers);
  const policy = policies.get(first);
  if (!policy) return { satisfied: false, description: `the channel config has no policy ${path}`, satisfiedBy: [] };
  if (policy.getType() === common.Policy.PolicyType.IMPLICIT_META) {
    return implicitMeta(common.ImplicitMetaPolicy.deserializeBinary(policy.getValue_asU8()), orgs, config, signers);
  }
  if (policy.getType() === common.Policy.PolicyType.SIGNATURE) {
    const satisfied = signaturePolicy(common.SignaturePolicyEnvelope.deserializeBinary(policy.getValue_asU8()), config, signers);
    return { satisfied, description: `signature policy ${path}`, satisfiedBy: [] };
  }
  return { satisfied: false, description: `policy ${path} has an unsupported type ${policy.getType()}`, satisfiedBy: [] };
}

function orgPolicy(path: string, org: OrgDefinition | undefined, name: string, config: ChannelConfig, signers: VerifiedSigner[]): PolicyOutcome {
  const policy = org?.policies.get(name);
  if (!org || policy?.getType() !== common.Policy.PolicyType.SIGNATURE) {
    return { satisfied: false, description: `the channel config has no signature policy ${path}`, satisfiedBy: [] };
  }
  const satisfied = signaturePolicy(common.SignaturePolicyEnvelope.deserializeBinary(policy.getValue_asU8()), config, signers);
  return { satisfied, description: `${org.mspId}'s ${name} policy`, satisfiedBy: satisfied ? [org.mspId] : [] };
}

function implicitMeta(meta: common.ImplicitMetaPolicy, orgs: OrgDefinition[], config: ChannelConfig, signers: VerifiedSigner[]): PolicyOutcome {
  const rule = meta.getRule();
  const subPolicy = meta.getSubPolicy();
  const needed = rule === 0 ? 1 : rule === 1 ? orgs.length : Math.floor(orgs.length / 2) + 1;
  const satisfiedBy = orgs
    .filter((org) => {
      const policy = org.policies.get(subPolicy);
      return policy?.getType() === common.Policy.PolicyType.SIGNATURE &&
        signaturePolicy(common.SignaturePolicyEnvelope.deserializeBinary(policy.getValue_asU8()), config, signers);
    })
    .map((org) => org.mspId);
  return {
    satisfied: satisfiedBy.length >= needed,
    description: `${RULE_NAMES[rule] ?? rule} ${subPolicy} of ${orgs.length} orgs needs ${needed}`,
    satisfiedBy,
  };
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
