/**
 * Who authorised a configuration: a config block's CONFIG envelope carries the config update it
 * applies (`last_update`, a ConfigUpdateEnvelope with the update and its signatures). As Fabric's
 * configtx validator does, every element the update changes (in its write set with another
 * version than in its read set) must be authorised by its modification policy in the previous
 * configuration (a new element by its own), relative to the group holding it. And the new
 * configuration may differ from the previous one only where the signed update says.
 */
import { common } from '@hyperledger/fabric-protos';
import type { ChannelConfig } from './channel-config';
import { parseCertificate, readSerializedIdentity, sharedSignatureVerifies } from './identity';
import { checkMembership } from './msp-identity';
import { evaluatePolicy, type VerifiedSigner } from './policy';

/** What is wrong with the update that made `envelopeBytes`' config out of `previous`; empty when nothing. */
export function configUpdateProblems(envelopeBytes: Uint8Array, previous: ChannelConfig): string[] {
  const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envelopeBytes).getPayload_asU8());
  const configEnvelope = common.ConfigEnvelope.deserializeBinary(payload.getData_asU8());
  const lastUpdate = configEnvelope.getLastUpdate();
  const next = configEnvelope.getConfig()?.getChannelGroup();
  if (!lastUpdate || !next) return ['it carries no config update'];
  const updateEnvelope = common.ConfigUpdateEnvelope.deserializeBinary(common.Payload.deserializeBinary(lastUpdate.getPayload_asU8()).getData_asU8());
  const updateBytes = updateEnvelope.getConfigUpdate_asU8();
  const update = common.ConfigUpdate.deserializeBinary(updateBytes);
  if (update.getChannelId() !== previous.channelId) return [`the update is for channel ${update.getChannelId()}`];
  const write = update.getWriteSet();
  if (!write) return ['the update has no write set'];
  const signers = updateSigners(updateEnvelope, updateBytes, previous);
  const problems: string[] = [];
  for (const change of changedElements(update.getReadSet(), write, previous.root, ['Channel'])) {
    const outcome = evaluatePolicy(change.policy, previous, signers);
    if (!outcome.satisfied) problems.push(`it changes ${change.path} without ${change.policy} (${outcome.description})`);
  }
  for (const path of unsignedDifferences(previous.root, next, write, ['Channel'])) problems.push(`it changes ${path}, which the signed update does not`);
  return problems;
}

function updateSigners(envelope: common.ConfigUpdateEnvelope, updateBytes: Uint8Array, previous: ChannelConfig): VerifiedSigner[] {
  return envelope.getSignaturesList().flatMap((signature) => {
    const header = signature.getSignatureHeader_asU8();
    const identity = readSerializedIdentity(common.SignatureHeader.deserializeBinary(header).getCreator_asU8());
    const certificate = parseCertificate(identity.certificatePem);
    if (!certificate || !sharedSignatureVerifies(certificate, Buffer.concat([header, updateBytes]), signature.getSignature_asU8())) return [];
    const membership = checkMembership(identity, previous, null);
    return membership.ok ? [{ identity, ous: membership.ous }] : [];
  });
}

interface Change {
  path: string;
  policy: string;
}

/** The write set's elements whose version differs from the read set's, each with the policy that must authorise it. */
function changedElements(read: common.ConfigGroup | undefined, write: common.ConfigGroup, existing: common.ConfigGroup | undefined, path: string[]): Change[] {
  const changes: Change[] = [];
  const policyOf = (modPolicy: string, at: string[]) => (modPolicy.startsWith('/') ? modPolicy : `/${[...at, modPolicy].join('/')}`);
  if (!read || read.getVersion() !== write.getVersion()) {
    changes.push({ path: `/${path.join('/')}`, policy: policyOf(existing?.getModPolicy() || write.getModPolicy(), path) });
  }
  const items = [
    [write.getValuesMap(), read?.getValuesMap(), existing?.getValuesMap()],
    [write.getPoliciesMap(), read?.getPoliciesMap(), existing?.getPoliciesMap()],
  ] as const;
  for (const [written, wasRead, was] of items) {
    written.forEach((element: common.ConfigValue | common.ConfigPolicy, key: string) => {
      const readElement = wasRead?.get(key);
      if (readElement && readElement.getVersion() === element.getVersion()) return;
      changes.push({ path: `/${[...path, key].join('/')}`, policy: policyOf(was?.get(key)?.getModPolicy() || element.getModPolicy(), path) });
    });
  }
  write.getGroupsMap().forEach((group: common.ConfigGroup, key: string) => {
    changes.push(...changedElements(read?.getGroupsMap().get(key), group, existing?.getGroupsMap().get(key), [...path, key]));
  });
  return changes;
}

/** Paths where the new config differs from the previous one but the write set does not hold the new element as it is. */
function unsignedDifferences(before: common.ConfigGroup | undefined, after: common.ConfigGroup, write: common.ConfigGroup | undefined, path: string[]): string[] {
  const differences: string[] = [];
  const same = (a?: { serializeBinary(): Uint8Array }, b?: { serializeBinary(): Uint8Array }) =>
    !!a && !!b && Buffer.from(a.serializeBinary()).equals(Buffer.from(b.serializeBinary()));
  const keys = (m?: { getEntryList(): Array<[string, unknown]> }) => new Set((m?.getEntryList() ?? []).map(([k]) => k));
  const maps = [
    [before?.getValuesMap(), after.getValuesMap(), write?.getValuesMap()],
    [before?.getPoliciesMap(), after.getPoliciesMap(), write?.getPoliciesMap()],
  ] as const;
  for (const [was, is, written] of maps) {
    for (const key of new Set([...keys(was), ...keys(is)])) {
      const [old, now] = [was?.get(key), is.get(key)];
      if (same(old, now)) continue;
      const signed = written?.get(key);
      if (!now ? !written || write!.getVersion() === before?.getVersion() : !same(signed, now)) differences.push(`/${[...path, key].join('/')}`);
    }
  }
  for (const key of new Set([...keys(before?.getGroupsMap()), ...keys(after.getGroupsMap())])) {
    const now = after.getGroupsMap().get(key);
    if (!now) {
      if (!write || write.getVersion() === before?.getVersion()) differences.push(`/${[...path, key].join('/')}`);
      continue;
    }
    const old = before?.getGroupsMap().get(key);
    if (same(old, now)) continue;
    differences.push(...unsignedDifferences(old, now, write?.getGroupsMap().get(key), [...path, key]));
  }
  return differences;
}
