/**
 * Test helper: synthetic blocks encoded as the Fabric protobuf blocks a peer delivers, and a
 * fake `Network` whose block streams can be fed, failed and inspected.
 */
import type { CloseableAsyncIterable } from '@hyperledger/fabric-gateway';
import { common, peer } from '@hyperledger/fabric-protos';
import { canonicalJson } from '@welfare-ledger/chaincode/lib';
import type { ChainBlock } from '../chain-events';

export interface EnvelopeSpec {
  txId: string;
  type?: number;
  validationCode?: number;
  chaincodeName?: string;
  eventName?: string;
  payload?: unknown;
  /** Event payload bytes as text, sent as they are (to break them). */
  rawPayload?: string;
}

export function envelope(spec: EnvelopeSpec): Uint8Array {
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(spec.type ?? common.HeaderType.ENDORSER_TRANSACTION);
  channelHeader.setTxId(spec.txId);
  channelHeader.setChannelId('welfare');
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());

  const chaincodeAction = new peer.ChaincodeAction();
  if (spec.payload !== undefined || spec.rawPayload !== undefined) {
    const event = new peer.ChaincodeEvent();
    event.setChaincodeId(spec.chaincodeName ?? 'welfare');
    event.setTxId(spec.txId);
    event.setEventName(spec.eventName ?? 'welfare');
    event.setPayload(Buffer.from(spec.rawPayload ?? canonicalJson(spec.payload), 'utf8'));
    chaincodeAction.setEvents(event.serializeBinary());
  }
  const responsePayload = new peer.ProposalResponsePayload();
  responsePayload.setExtension$(chaincodeAction.serializeBinary());
  const endorsed = new peer.ChaincodeEndorsedAction();
  endorsed.setProposalResponsePayload(responsePayload.serializeBinary());
  const actionPayload = new peer.ChaincodeActionPayload();
  actionPayload.setAction(endorsed);
  const action = new peer.TransactionAction();
  action.setPayload(actionPayload.serializeBinary());
  const transaction = new peer.Transaction();
  transaction.setActionsList([action]);

  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(transaction.serializeBinary());
  const result = new common.Envelope();
  result.setPayload(payload.serializeBinary());
  return result.serializeBinary();
}

export function protoBlock(blockNumber: number, envelopes: EnvelopeSpec[]): common.Block {
  const block = new common.Block();
  const header = new common.BlockHeader();
  header.setNumber(blockNumber);
  block.setHeader(header);
  const data = new common.BlockData();
  data.setDataList(envelopes.map(envelope));
  block.setData(data);
  const metadata = new common.BlockMetadata();
  const filter = Uint8Array.from(envelopes.map((e) => e.validationCode ?? peer.TxValidationCode.VALID));
  metadata.setMetadataList([new Uint8Array(), new Uint8Array(), filter, new Uint8Array(), new Uint8Array()]);
  block.setMetadata(metadata);
  return block;
}

/** A synthetic block as the peer would deliver it: every transaction VALID, events from `welfare`. */
export function toProtoBlock(block: ChainBlock): common.Block {
  return protoBlock(
    block.blockNumber,
    block.transactions.map((tx) => ({ txId: tx.txId, payload: tx.event ?? undefined })),
  );
}

/** A channel whose block streams the test feeds (append) and breaks (failStreams). */
export class FakeChannel {
  readonly blocks: common.Block[] = [];
  /** The startBlock of every stream opened, in order. */
  readonly requests: number[] = [];
  private readonly streams = new Set<FakeBlockStream>();

  readonly network = {
    getBlockEvents: async (options: { startBlock?: bigint } = {}): Promise<CloseableAsyncIterable<common.Block>> => {
      const start = Number(options.startBlock ?? 0n);
      this.requests.push(start);
      const stream = new FakeBlockStream(this, start, () => this.streams.delete(stream));
      this.streams.add(stream);
      return stream;
    },
  };

  append(...blocks: common.Block[]): void {
    this.blocks.push(...blocks);
    for (const stream of this.streams) stream.wake();
  }

  failStreams(error = new Error('14 UNAVAILABLE: peer restarted')): void {
    for (const stream of this.streams) stream.fail(error);
  }

  get openStreams(): number {
    return this.streams.size;
  }
}

class FakeBlockStream implements CloseableAsyncIterable<common.Block> {
  private closed = false;
  private failure?: Error;
  private wakeUp?: () => void;

  constructor(
    private readonly channel: FakeChannel,
    private next: number,
    private readonly onClose: () => void,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<common.Block> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (this.closed) return;
      if (this.next < this.channel.blocks.length) yield this.channel.blocks[this.next++];
      else await new Promise<void>((resolve) => (this.wakeUp = resolve));
    }
  }

  wake(): void {
    this.wakeUp?.();
  }

  fail(error: Error): void {
    this.failure = error;
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.onClose();
    this.wake();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}
