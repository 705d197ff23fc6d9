/**
 * What a transaction read, as its endorsers signed it: every key with the version (block, tx)
 * it saw, or none for a key that did not exist, and every range query with its results (raw, or
 * summarised as Merkle hashes when long). Fabric committed the transaction VALID only because
 * none of these had changed by then (MVCC validation), so they are the ledger as it stood.
 */
import { common, ledger, peer } from '@hyperledger/fabric-protos';

export interface Version {
  block: number;
  tx: number;
}

export interface KeyRead {
  namespace: string;
  key: string;
  /** null: the key did not exist. */
  version: Version | null;
}

export interface MerkleSummary {
  maxDegree: number;
  maxLevel: number;
  maxLevelHashes: Buffer[];
}

export interface RangeRead {
  namespace: string;
  startKey: string;
  endKey: string;
  exhausted: boolean;
  /** The keys and versions returned, when Fabric kept them raw. */
  rawReads: KeyRead[] | null;
  /** When Fabric summarised the results (more than maxDegree of them). */
  merkle: MerkleSummary | null;
}

export interface ReadSet {
  reads: KeyRead[];
  ranges: RangeRead[];
  /** The chaincode the transaction invoked, and its version as the endorsing peers named it. */
  chaincode: { name: string; version: string };
}

/** The read set of a transaction envelope's (one) endorsed action. */
export function readSetOf(envelopeBytes: Uint8Array): ReadSet {
  const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envelopeBytes).getPayload_asU8());
  const actions = peer.Transaction.deserializeBinary(payload.getData_asU8()).getActionsList();
  if (actions.length !== 1) throw new Error(`the transaction has ${actions.length} actions, not one`);
  const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(actions[0].getPayload_asU8());
  const responsePayload = peer.ProposalResponsePayload.deserializeBinary(actionPayload.getAction()!.getProposalResponsePayload_asU8());
  const chaincodeAction = peer.ChaincodeAction.deserializeBinary(responsePayload.getExtension_asU8());
  const readSet: ReadSet = {
    reads: [],
    ranges: [],
    chaincode: { name: chaincodeAction.getChaincodeId()?.getName() ?? '', version: chaincodeAction.getChaincodeId()?.getVersion() ?? '' },
  };
  for (const ns of ledger.rwset.TxReadWriteSet.deserializeBinary(chaincodeAction.getResults_asU8()).getNsRwsetList()) {
    const namespace = ns.getNamespace();
    const kv = ledger.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8());
    readSet.reads.push(...kv.getReadsList().map((r) => keyRead(namespace, r)));
    readSet.ranges.push(...kv.getRangeQueriesInfoList().map((q) => rangeRead(namespace, q)));
  }
  return readSet;
}

function keyRead(namespace: string, read: ledger.rwset.kvrwset.KVRead): KeyRead {
  const version = read.getVersion();
  return { namespace, key: read.getKey(), version: version ? { block: version.getBlockNum(), tx: version.getTxNum() } : null };
}

function rangeRead(namespace: string, info: ledger.rwset.kvrwset.RangeQueryInfo): RangeRead {
  const summary = info.getReadsMerkleHashes();
  return {
    namespace,
    startKey: info.getStartKey(),
    endKey: info.getEndKey(),
    exhausted: info.getItrExhausted(),
    rawReads: info.hasRawReads() ? info.getRawReads()!.getKvReadsList().map((r) => keyRead(namespace, r)) : null,
    merkle: summary
      ? { maxDegree: summary.getMaxDegree(), maxLevel: summary.getMaxLevel(), maxLevelHashes: summary.getMaxLevelHashesList_asU8().map((h) => Buffer.from(h)) }
      : null,
  };
}

/** "block 12 tx 3", or "absent". */
export function versionText(version: Version | null): string {
  return version ? `block ${version.block} tx ${version.tx}` : 'absent';
}
