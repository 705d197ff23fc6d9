/**
 * Decodes a transaction envelope into what the checks need: its ids and creator, and for each
 * action the proposal response payload the endorsers signed, their endorsements, the write set
 * and the chaincode input. Nothing here decides anything.
 */
import { common, ledger, peer } from '@hyperledger/fabric-protos';
import { readSerializedIdentity, type SerializedIdentity } from './identity';

export interface Write {
  namespace: string;
  key: string;
  value: Buffer;
  isDelete: boolean;
}

export interface Endorsement {
  endorser: SerializedIdentity;
  signature: Uint8Array;
}

export interface EndorsedAction {
  /** The action's own signature header bytes (Fabric copies the proposal's signature header here). */
  header: Uint8Array;
  /** The ProposalResponsePayload bytes every endorser signed (followed by its own identity bytes). */
  proposalResponsePayload: Uint8Array;
  /** The hash of the proposal the endorsers answered, as the signed ProposalResponsePayload says. */
  proposalHash: Uint8Array;
  /** The chaincode proposal payload (input, without the transient map) carried in the transaction. */
  chaincodeProposalPayload: Uint8Array;
  endorsements: Endorsement[];
  chaincodeName: string;
  writes: Write[];
  /** Namespaces with public writes, and private-data collections written (namespace + collection). */
  writtenNamespaces: string[];
  collectionWrites: Array<{ namespace: string; collection: string }>;
  /** The chaincode input arguments (function name first), as UTF-8 text. */
  args: string[];
}

export interface DecodedTransaction {
  txId: string;
  channelId: string;
  type: number;
  /** The client's timestamp in the channel header. */
  timestamp: Date | null;
  creator: SerializedIdentity;
  /** The signature header's nonce: with the creator's bytes it derives the txId. */
  nonce: Uint8Array;
  /** The payload header's parts exactly as serialized (what the proposal hash covers). */
  channelHeaderBytes: Uint8Array;
  signatureHeaderBytes: Uint8Array;
  /** Envelope payload and the creator's signature over it. */
  payload: Uint8Array;
  creatorSignature: Uint8Array;
  /** Only for endorser transactions. */
  actions: EndorsedAction[];
}

export function decodeTransaction(envelopeBytes: Uint8Array): DecodedTransaction {
  const envelope = common.Envelope.deserializeBinary(envelopeBytes);
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  const header = payload.getHeader();
  if (!header) throw new Error('the envelope has no header');
  const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
  const signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
  const timestamp = channelHeader.getTimestamp();
  const isEndorserTx = channelHeader.getType() === common.HeaderType.ENDORSER_TRANSACTION;
  return {
    txId: channelHeader.getTxId(),
    channelId: channelHeader.getChannelId(),
    type: channelHeader.getType(),
    timestamp: timestamp ? new Date(timestamp.getSeconds() * 1000 + Math.floor(timestamp.getNanos() / 1e6)) : null,
    creator: readSerializedIdentity(signatureHeader.getCreator_asU8()),
    nonce: signatureHeader.getNonce_asU8(),
    channelHeaderBytes: header.getChannelHeader_asU8(),
    signatureHeaderBytes: header.getSignatureHeader_asU8(),
    payload: envelope.getPayload_asU8(),
    creatorSignature: envelope.getSignature_asU8(),
    actions: isEndorserTx ? peer.Transaction.deserializeBinary(payload.getData_asU8()).getActionsList().map(readAction) : [],
  };
}

function readAction(action: peer.TransactionAction): EndorsedAction {
  const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
  const endorsed = actionPayload.getAction();
  if (!endorsed) throw new Error('a transaction action has no endorsed action');
  const responsePayloadBytes = endorsed.getProposalResponsePayload_asU8();
  const responsePayload = peer.ProposalResponsePayload.deserializeBinary(responsePayloadBytes);
  const chaincodeAction = peer.ChaincodeAction.deserializeBinary(responsePayload.getExtension_asU8());
  const rwsets = ledger.rwset.TxReadWriteSet.deserializeBinary(chaincodeAction.getResults_asU8()).getNsRwsetList();
  const writes = readWrites(rwsets);
  return {
    header: action.getHeader_asU8(),
    proposalResponsePayload: responsePayloadBytes,
    proposalHash: responsePayload.getProposalHash_asU8(),
    chaincodeProposalPayload: actionPayload.getChaincodeProposalPayload_asU8(),
    endorsements: endorsed.getEndorsementsList().map((e) => ({
      endorser: readSerializedIdentity(e.getEndorser_asU8()),
      signature: e.getSignature_asU8(),
    })),
    chaincodeName: chaincodeAction.getChaincodeId()?.getName() ?? '',
    writes,
    writtenNamespaces: [...new Set(writes.map((w) => w.namespace))],
    collectionWrites: readCollectionWrites(rwsets),
    args: readArgs(actionPayload.getChaincodeProposalPayload_asU8()),
  };
}

function readWrites(rwsets: ledger.rwset.NsReadWriteSet[]): Write[] {
  const writes: Write[] = [];
  for (const ns of rwsets) {
    const kv = ledger.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8());
    for (const w of kv.getWritesList()) {
      writes.push({ namespace: ns.getNamespace(), key: w.getKey(), value: Buffer.from(w.getValue_asU8()), isDelete: w.getIsDelete() });
    }
  }
  return writes;
}

function readCollectionWrites(rwsets: ledger.rwset.NsReadWriteSet[]): Array<{ namespace: string; collection: string }> {
  return rwsets.flatMap((ns) =>
    ns
      .getCollectionHashedRwsetList()
      .filter((c) => ledger.rwset.kvrwset.HashedRWSet.deserializeBinary(c.getHashedRwset_asU8()).getHashedWritesList().length > 0)
      .map((c) => ({ namespace: ns.getNamespace(), collection: c.getCollectionName() })),
  );
}

function readArgs(proposalPayloadBytes: Uint8Array): string[] {
  const proposalPayload = peer.ChaincodeProposalPayload.deserializeBinary(proposalPayloadBytes);
  const spec = peer.ChaincodeInvocationSpec.deserializeBinary(proposalPayload.getInput_asU8()).getChaincodeSpec();
  return (spec?.getInput()?.getArgsList_asU8() ?? []).map((arg) => Buffer.from(arg).toString('utf8'));
}
