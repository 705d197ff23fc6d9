import { RaftLeader, raftViewOf } from './raft-leader';

/** An orderer's /metrics as Fabric 2.5 writes it, for the channel `welfare`. */
const metrics = (isLeader: 0 | 1, activeNodes = 0) => [
  '# HELP consensus_etcdraft_is_leader The leadership status of the current node: 1 if it is the leader else 0.',
  '# TYPE consensus_etcdraft_is_leader gauge',
  'consensus_etcdraft_is_leader{channel="system"} 1',
  `consensus_etcdraft_is_leader{channel="welfare"} ${isLeader}`,
  `consensus_etcdraft_active_nodes{channel="welfare"} ${activeNodes}`,
  'consensus_etcdraft_cluster_size{channel="welfare"} 3',
  '',
].join('\n');

const ORDERERS = [1, 2, 3].map((n) => ({ name: `orderer${n}`, operationsUrl: `http://orderer${n}:8443/` }));

/** A fetch answering from a table of URL -> metrics text; a missing URL is an orderer that does not answer. */
const fetchFrom = (answers: Record<string, string>, asked: string[] = []) => async (url: string) => {
  asked.push(url);
  if (!(url in answers)) throw new Error('ECONNREFUSED');
  return answers[url];
};

describe('the Raft leader of the channel, from the orderers\' operations endpoints', () => {
  it('reads the channel\'s own gauges, not another channel\'s', () => {
    expect(raftViewOf(metrics(1, 3), 'welfare')).toEqual({ isLeader: true, activeNodes: 3, clusterSize: 3 });
    expect(raftViewOf(metrics(0), 'welfare')).toMatchObject({ isLeader: false });
    expect(raftViewOf(metrics(0), 'other')).toBeUndefined();
  });

  it('is ok when one orderer leads, naming it and the nodes it hears from; every orderer is asked at its /metrics', async () => {
    const asked: string[] = [];
    const report = await new RaftLeader(ORDERERS, 'welfare', 1000, fetchFrom({
      'http://orderer1:8443/metrics': metrics(0), 'http://orderer2:8443/metrics': metrics(1, 3), 'http://orderer3:8443/metrics': metrics(0),
    }, asked)).check();
    expect(report).toEqual({ ok: true, detail: 'orderer2 leads welfare (3 of 3 nodes active)' });
    expect(asked.sort()).toEqual(['http://orderer1:8443/metrics', 'http://orderer2:8443/metrics', 'http://orderer3:8443/metrics']);
  });

  it('is ok with the leader\'s orderer alone answering (the others down)', async () => {
    const report = await new RaftLeader(ORDERERS, 'welfare', 1000, fetchFrom({ 'http://orderer3:8443/metrics': metrics(1, 2) })).check();
    expect(report.ok).toBe(true);
  });

  it('is not ok during an election: every orderer answers, none leads; says who answered and who did not', async () => {
    const report = await new RaftLeader(ORDERERS, 'welfare', 1000, fetchFrom({
      'http://orderer1:8443/metrics': metrics(0), 'http://orderer2:8443/metrics': metrics(0),
    })).check();
    expect(report).toEqual({ ok: false, detail: 'no orderer reports a Raft leader for welfare (followers: orderer1, orderer2; no answer: orderer3)' });
  });

  it('is not ok when no orderer answers, nor when the orderers are not consenters of the channel', async () => {
    expect((await new RaftLeader(ORDERERS, 'welfare', 1000, fetchFrom({})).check()).ok).toBe(false);
    const notJoined = await new RaftLeader(ORDERERS, 'other', 1000, fetchFrom({ 'http://orderer1:8443/metrics': metrics(1, 3) })).check();
    expect(notJoined.ok).toBe(false);
  });

  it('says it checked nothing when no orderer is configured', async () => {
    expect(await new RaftLeader([], 'welfare').check()).toEqual({ ok: true, detail: 'no orderer operations endpoints configured: not checked' });
  });
});
