/**
 * The index's own read connection to the chain: the gateway's own org's peers, under that org's
 * client identity. Kept apart from the Ledger (which submits) so the block stream and the
 * rebuild need nothing from it. It reads from the org's first peer; when the follower's stream
 * from it fails, `failover()` moves it to the org's next own peer (its standby peers, then round
 * again): the follower resumes from its checkpoint there, so a dead peer stops nothing. Only the
 * org's own peers: what the index holds is what its org's peers committed.
 */
import type * as grpc from '@grpc/grpc-js';
import type { Gateway, Network } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import type { GatewayConfig, PeerConnection } from '../config';
import { connectAs, newPeerClient } from '../fabric/connection';

/** What the follower and the rebuild read from: blocks, and how many there are. */
export interface ChainSource {
  readonly network: Pick<Network, 'getBlockEvents'>;
  readonly chaincodeName: string;
  /** Number of blocks on the channel (qscc GetChainInfo): the next block to be cut is `height`. */
  chainHeight(): Promise<number>;
  /** Reads from the org's next own peer from now on; returns its name. Absent: there is one source only. */
  failover?(): string;
}

interface PeerReader {
  client: grpc.Client;
  gateway: Gateway;
  network: Network;
}

export class ChainReader implements ChainSource {
  readonly chaincodeName: string;
  private readonly peers: PeerConnection[];
  private readonly readers = new Map<number, PeerReader>();
  private current = 0;

  constructor(private readonly config: GatewayConfig) {
    const { mspId } = config.identity;
    const org = config.network.orgs.find((o) => o.mspId === mspId);
    if (!org) throw new Error(`no peer of ${mspId} in the gateway configuration`);
    this.peers = [org, ...config.standbyPeers];
    this.chaincodeName = config.network.chaincode;
  }

  /** The channel as the peer read from now sees it. */
  get network(): Network {
    return this.readerOf(this.current).network;
  }

  /** The own peer blocks are read from now (its hostname). */
  get peer(): string {
    return this.peers[this.current].peerHostAlias;
  }

  failover(): string {
    this.current = (this.current + 1) % this.peers.length;
    return this.peer;
  }

  async chainHeight(): Promise<number> {
    const bytes = await this.network.getContract('qscc').evaluateTransaction('GetChainInfo', this.config.network.channel);
    return common.BlockchainInfo.deserializeBinary(bytes).getHeight();
  }

  close(): void {
    for (const { gateway, client } of this.readers.values()) {
      gateway.close();
      client.close();
    }
  }

  private readerOf(index: number): PeerReader {
    let reader = this.readers.get(index);
    if (!reader) {
      const { mspId, client: identity } = this.config.identity;
      const client = newPeerClient(this.peers[index]);
      const gateway = connectAs(client, mspId, identity, this.config.deadlines);
      reader = { client, gateway, network: gateway.getNetwork(this.config.network.channel) };
      this.readers.set(index, reader);
    }
    return reader;
  }
}
