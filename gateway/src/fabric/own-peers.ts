/**
 * Failover among an org's own peers. A fabric-gateway connection talks to one peer, which
 * endorses through discovery, sends the transaction to the orderers and reports its commit. When
 * the org's peer cannot be reached (gRPC UNAVAILABLE) the gateway moves to the org's next peer and
 * sends the same request again, once per peer; a write is safe to send again because the ledger
 * answers a repeated lineId, batchId or eventId with the first write (`replay: true`).
 *
 * Only the org's OWN peers, never another org's: the peer a gateway submits through decides
 * whether its transactions reach the orderers and tells it whether they committed, which the
 * gateway cannot check. Other orgs' peers are used only for what is checked: their endorsements
 * (signed, and the policy wants a majority) and blocks and chain info for proofs (verified from the
 * trust anchor).
 */
export class OwnPeers {
  private active = 0;

  /** `connect(i)` makes peer i (0 = the configured first peer) the one requests go through. */
  constructor(
    private readonly names: string[],
    private readonly connect: (index: number) => void,
  ) {
    if (names.length === 0) throw new Error('an org needs at least one peer');
    connect(0);
  }

  /** The peer requests go through now. */
  get current(): string {
    return this.names[this.active];
  }

  /** Runs `attempt` on the current peer; while the peer is unreachable, on the next one, each peer at most once. */
  async run<T>(attempt: () => Promise<T>, isUnreachable: (err: unknown) => boolean): Promise<T> {
    for (let tried = 1; ; tried++) {
      const on = this.active;
      try {
        return await attempt();
      } catch (err) {
        if (tried >= this.names.length || !isUnreachable(err)) throw err;
        // Concurrent requests failing on the same peer move on once, not once each.
        if (this.active === on) this.moveTo((on + 1) % this.names.length);
      }
    }
  }

  private moveTo(index: number): void {
    this.connect(index);
    this.active = index;
  }
}
