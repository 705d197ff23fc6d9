/**
 * Does the ordering service have a Raft leader for the channel? Without one every write waits and
 * then fails, although the peers endorse happily. Each orderer's operations endpoint publishes, per
 * channel, `consensus_etcdraft_is_leader` (1 on the leader) and, on the leader, the nodes it hears
 * from (`consensus_etcdraft_active_nodes`) out of `consensus_etcdraft_cluster_size`. Fabric runs Raft
 * with CheckQuorum, so a leader cut off from a majority steps down within an election timeout:
 * "some orderer says it leads" is the question, asked of every orderer at once.
 *
 * The endpoint answers plain HTTP here (as `network-up.sh` starts the orderers); what it says only
 * decides whether this gateway calls itself ready, never what is written.
 */
export interface OrdererOperations {
  name: string;
  /** The orderer's operations endpoint, e.g. http://orderer1.orderer.welfare.local:8443 */
  operationsUrl: string;
}

export interface RaftLeaderReport {
  ok: boolean;
  detail: string;
}

/** What one orderer's /metrics says about the channel; undefined when it did not answer. */
export interface RaftView {
  isLeader: boolean;
  activeNodes?: number;
  clusterSize?: number;
}

export type MetricsFetch = (url: string, timeoutMs: number) => Promise<string>;

const fetchMetrics: MetricsFetch = async (url, timeoutMs) => {
  const answer = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
  return answer.text();
};

/** The value of a gauge for the channel in Prometheus text, or undefined when it is not there. */
function gauge(metrics: string, name: string, channel: string): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(`channel="${channel}"`));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

export function raftViewOf(metrics: string, channel: string): RaftView | undefined {
  const isLeader = gauge(metrics, 'consensus_etcdraft_is_leader', channel);
  if (isLeader === undefined) return undefined; // not a consenter of this channel (yet)
  return {
    isLeader: isLeader === 1,
    activeNodes: gauge(metrics, 'consensus_etcdraft_active_nodes', channel),
    clusterSize: gauge(metrics, 'consensus_etcdraft_cluster_size', channel),
  };
}

export class RaftLeader {
  constructor(
    private readonly orderers: OrdererOperations[],
    private readonly channel: string,
    private readonly timeoutMs = 2000,
    private readonly fetchText: MetricsFetch = fetchMetrics,
  ) {}

  async check(): Promise<RaftLeaderReport> {
    if (this.orderers.length === 0) return { ok: true, detail: 'no orderer operations endpoints configured: not checked' };
    const views = await Promise.all(
      this.orderers.map((o) =>
        this.fetchText(`${o.operationsUrl.replace(/\/$/, '')}/metrics`, this.timeoutMs).then(
          (text) => ({ name: o.name, view: raftViewOf(text, this.channel) }),
          () => ({ name: o.name, view: undefined }),
        ),
      ),
    );
    const leader = views.find((v) => v.view?.isLeader);
    if (leader) {
      const { activeNodes, clusterSize } = leader.view!;
      const nodes = activeNodes && clusterSize ? ` (${activeNodes} of ${clusterSize} nodes active)` : '';
      return { ok: true, detail: `${leader.name} leads ${this.channel}${nodes}` };
    }
    const silent = views.filter((v) => !v.view).map((v) => v.name);
    const followers = views.filter((v) => v.view).map((v) => v.name);
    return {
      ok: false,
      detail: `no orderer reports a Raft leader for ${this.channel} (followers: ${followers.join(', ') || 'none'}; no answer: ${silent.join(', ') || 'none'})`,
    };
  }
}
