/**
 * The audit's block sources: one per org, each reading that org's own peer (block delivery for
 * the blocks, qscc GetChainInfo for the height) under one auditor identity.
 */
import type { Gateway, Network } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import type { ChannelPeers, Deadlines, OrgIdentity } from '../config';
import { connectAs, newPeerClient } from '../fabric/connection';
import type { BlockSource } from '../verify/audit/block-source';

export interface PeerBlockSource extends BlockSource {
  close(): void;
}

export function peerBlockSources(
  network: ChannelPeers,
  identity: OrgIdentity,
  deadlines: Deadlines,
): PeerBlockSource[] {
  return network.orgs.map((org) => {
    const client = newPeerClient(org);
    const gateway: Gateway = connectAs(client, identity.mspId, identity.client, deadlines);
    const channel: Network = gateway.getNetwork(network.channel);
    return {
      org: org.mspId,
      async height() {
        const bytes = await channel.getContract('qscc').evaluateTransaction('GetChainInfo', network.channel);
        return common.BlockchainInfo.deserializeBinary(bytes).getHeight();
      },
      async *blocks(from: number, to: number) {
        if (to < from) return;
        const events = await channel.getBlockEvents({ startBlock: BigInt(from) });
        try {
          for await (const block of events) {
            yield block;
            if (block.getHeader()!.getNumber() >= to) return;
          }
        } finally {
          events.close();
        }
      },
      close() {
        gateway.close();
        client.close();
      },
    };
  });
}
