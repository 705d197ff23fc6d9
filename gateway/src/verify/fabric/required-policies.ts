/**
 * Which endorsement policies a transaction action must satisfy, from what it writes, as Fabric's
 * validator decides on this network:
 * - a chaincode namespace (e.g. `welfare`): the chaincode's policy, which its definition names as
 *   the channel's /Channel/Application/Endorsement (MAJORITY of the orgs' Endorsement policies);
 * - `_lifecycle` public writes (a chaincode definition committed): /Channel/Application/LifecycleEndorsement;
 * - `_lifecycle` writes to an org's implicit collection (that org approving a definition): that org's Endorsement policy.
 * An action that writes nothing is held to the policy of the chaincode it invoked.
 */
import type { ChannelConfig } from './channel-config';
import type { EndorsedAction } from './transaction';

const LIFECYCLE = '_lifecycle';
const LIFECYCLE_POLICY = '/Channel/Application/LifecycleEndorsement';
const IMPLICIT_ORG_COLLECTION = /^_implicit_org_(.+)$/;

export function requiredPolicies(action: EndorsedAction, config: ChannelConfig, chaincodePolicy: string): string[] {
  const policies = new Set<string>();
  const forNamespace = (namespace: string) => (namespace === LIFECYCLE ? LIFECYCLE_POLICY : chaincodePolicy);
  for (const namespace of action.writtenNamespaces) policies.add(forNamespace(namespace));
  for (const { namespace, collection } of action.collectionWrites) {
    const implicitOrg = namespace === LIFECYCLE ? IMPLICIT_ORG_COLLECTION.exec(collection)?.[1] : undefined;
    const org = implicitOrg ? config.applicationOrgs.find((o) => o.mspId === implicitOrg) : undefined;
    policies.add(org ? `/Channel/Application/${org.name}/Endorsement` : forNamespace(namespace));
  }
  if (policies.size === 0) policies.add(forNamespace(action.chaincodeName));
  return [...policies];
}
