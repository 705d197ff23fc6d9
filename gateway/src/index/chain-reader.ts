/**
 * The index's own read connection to the chain: the gateway's own org's peer, under that org's
 * client identity. Kept apart from the Ledger (which submits) so the block stream and the
 * rebuild need nothing from it.
 */
import type * as grpc from '@grpc/grpc-js';
import type { Gateway, Network } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import type { GatewayConfig } from '../config';
import { connectAs, newPeerClient } from '../fabric/connection';

/** What the follower and the rebuild read from: blocks, and how many there are. */
export interface ChainSource {
  readonly network: Pick<Network, 'getBlockEvents'>;
  readonly chaincodeName: string;
  /** Number of blocks on the channel (qscc GetChainInfo): the next block to be cut is `height`. */
  chainHeight(): Promise<number>;
}

export class ChainReader implements ChainSource {
  readonly network: Network;
  readonly chaincodeName: string;
  private readonly client: grpc.Client;
  private readonly gateway: Gateway;

  constructor(private readonly config: GatewayConfig) {
    const { mspId, client } = config.identity;
    const org = config.network.orgs.find((o) => o.mspId === mspId);
    if (!org) throw new Error(`no peer of ${mspId} in the gateway configuration`);
    this.client = newPeerClient(org);
    this.gateway = connectAs(this.client, mspId, client, config.deadlines);
    this.network = this.gateway.getNetwork(config.network.channel);
    this.chaincodeName = config.network.chaincode;
  }

  async chainHeight(): Promise<number> {
    const bytes = await this.network.getContract('qscc').evaluateTransaction('GetChainInfo', this.config.network.channel);
    return common.BlockchainInfo.deserializeBinary(bytes).getHeight();
  }

  close(): void {
    this.gateway.close();
    this.client.close();
  }
}
