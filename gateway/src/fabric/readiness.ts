/**
 * Readiness: can this gateway endorse and commit a write right now? `/health` only says each
 * peer answers; a peer that has just restarted answers long before its gossip and discovery have
 * settled, and a write then fails with "no combination of peers can be derived which satisfy the
 * endorsement policy". So readiness asks the real questions, through the same path a write takes:
 *
 * - `endorsement`: a read-only chaincode query is endorsed (not submitted) through the org's own
 *   peer, which asks discovery for a set of peers satisfying the chaincode's endorsement policy
 *   and collects their endorsements: discovery, the policy, the chaincode on every peer of the plan;
 * - `caughtUp`: the org's own peer is at most `maxLagBlocks` behind the highest peer it can reach,
 *   so what it endorses is not stale and its commit events arrive;
 * - `raftLeader`: an orderer reports that it leads the channel's Raft cluster (raft-leader.ts), so
 *   an endorsed transaction can be ordered: without a leader every write would wait and fail.
 *
 * A result is kept for `cacheMs` and checks never overlap, so probes cannot load the peers.
 */
import type { RaftLeaderReport } from './raft-leader';

export interface ReadinessCheck {
  name: 'endorsement' | 'caughtUp' | 'raftLeader';
  ok: boolean;
  detail: string;
}

export interface ReadinessReport {
  ready: boolean;
  checkedAt: string;
  checks: ReadinessCheck[];
}

/** What readiness needs from the ledger connection. */
export interface ReadinessProbe {
  /** Endorses a read-only query through the org's own peer, without submitting it. */
  endorseProbe(): Promise<void>;
  /** Block heights of the org's own peer and of every other peer that answers. */
  heights(): Promise<{ own: number | undefined; others: number[] }>;
  /** Whether an orderer leads the channel's Raft cluster. */
  raftLeader(): Promise<RaftLeaderReport>;
}

export interface ReadinessSettings {
  cacheMs: number;
  maxLagBlocks: number;
}

export class Readiness {
  private last?: { report: ReadinessReport; at: number };
  private running?: Promise<ReadinessReport>;

  constructor(
    private readonly probe: ReadinessProbe,
    private readonly settings: ReadinessSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async check(): Promise<ReadinessReport> {
    if (this.last && this.now() - this.last.at < this.settings.cacheMs) return this.last.report;
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<ReadinessReport> {
    const checks = await Promise.all([this.endorsement(), this.caughtUp(), this.raftLeader()]);
    const report = { ready: checks.every((c) => c.ok), checkedAt: new Date(this.now()).toISOString(), checks };
    this.last = { report, at: this.now() };
    return report;
  }

  private async endorsement(): Promise<ReadinessCheck> {
    try {
      await this.probe.endorseProbe();
      return { name: 'endorsement', ok: true, detail: 'a query was endorsed by peers satisfying the endorsement policy' };
    } catch (err) {
      return { name: 'endorsement', ok: false, detail: `no endorsement: ${firstLine(err)}` };
    }
  }

  private async raftLeader(): Promise<ReadinessCheck> {
    const { ok, detail } = await this.probe.raftLeader();
    return { name: 'raftLeader', ok, detail };
  }

  private async caughtUp(): Promise<ReadinessCheck> {
    const { own, others } = await this.probe.heights();
    if (own === undefined) return { name: 'caughtUp', ok: false, detail: "the org's own peer does not answer" };
    const highest = Math.max(own, ...others);
    const lag = highest - own;
    const ok = lag <= this.settings.maxLagBlocks;
    return { name: 'caughtUp', ok, detail: `own peer at height ${own}, highest ${highest} (${lag} behind, at most ${this.settings.maxLagBlocks})` };
  }
}

/** The gist of a Fabric error, without the details that name internals beyond the peer. */
function firstLine(err: unknown): string {
  const message = (err as { internal?: string; message?: string })?.internal ?? (err as Error)?.message ?? String(err);
  return message.split('\n')[0].slice(0, 300);
}
