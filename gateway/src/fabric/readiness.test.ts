import { Readiness, type ReadinessProbe } from './readiness';
import type { RaftLeaderReport } from './raft-leader';

/** A probe whose answers the test sets, counting the endorsements it is asked for. */
function probe(over: Partial<{ endorse: () => Promise<void>; own: number | undefined; others: number[]; leader: RaftLeaderReport }> = {}) {
  const state = { endorsements: 0, own: 10 as number | undefined, others: [10, 10], endorse: async () => {}, leader: { ok: true, detail: 'orderer2 leads welfare' }, ...over };
  const p: ReadinessProbe = {
    endorseProbe: () => {
      state.endorsements++;
      return state.endorse();
    },
    heights: async () => ({ own: state.own, others: state.others }),
    raftLeader: async () => state.leader,
  };
  return { p, state };
}

const settings = { cacheMs: 2000, maxLagBlocks: 5 };

describe('readiness', () => {
  it('is ready when a query is endorsed and the own peer is caught up', async () => {
    const report = await new Readiness(probe().p, settings).check();
    expect(report.ready).toBe(true);
    expect(report.checks.map((c) => [c.name, c.ok])).toEqual([['endorsement', true], ['caughtUp', true], ['raftLeader', true]]);
  });

  it('is not ready while discovery finds no peers satisfying the endorsement policy, and says so', async () => {
    const { p } = probe({ endorse: async () => { throw new Error('no combination of peers can be derived which satisfy the endorsement policy'); } });
    const report = await new Readiness(p, settings).check();
    expect(report.ready).toBe(false);
    expect(report.checks[0]).toMatchObject({ name: 'endorsement', ok: false, detail: expect.stringContaining('satisfy the endorsement policy') });
  });

  it('is not ready while the own peer is more blocks behind the highest peer than allowed', async () => {
    const behind = await new Readiness(probe({ own: 4, others: [10, 9] }).p, settings).check();
    expect(behind.ready).toBe(false);
    expect(behind.checks[1]).toMatchObject({ name: 'caughtUp', ok: false, detail: expect.stringContaining('6 behind') });
    expect((await new Readiness(probe({ own: 5, others: [10] }).p, settings).check()).ready).toBe(true);
  });

  it('is not ready while no orderer leads the channel, even though the peers endorse and are caught up', async () => {
    const report = await new Readiness(probe({ leader: { ok: false, detail: 'no orderer reports a Raft leader for welfare' } }).p, settings).check();
    expect(report.ready).toBe(false);
    expect(report.checks.filter((c) => !c.ok)).toEqual([{ name: 'raftLeader', ok: false, detail: 'no orderer reports a Raft leader for welfare' }]);
  });

  it('is not ready when the own peer does not answer, even if others do', async () => {
    const report = await new Readiness(probe({ own: undefined }).p, settings).check();
    expect(report.ready).toBe(false);
    expect(report.checks[1].ok).toBe(false);
  });

  it('keeps an answer for cacheMs and never runs two checks at once', async () => {
    let now = 0;
    const { p, state } = probe();
    const readiness = new Readiness(p, settings, () => now);
    await Promise.all([readiness.check(), readiness.check(), readiness.check()]);
    expect(state.endorsements).toBe(1);
    now = 1999;
    await readiness.check();
    expect(state.endorsements).toBe(1);
    now = 2000;
    state.endorse = async () => { throw new Error('peer down'); };
    expect((await readiness.check()).ready).toBe(false);
    expect(state.endorsements).toBe(2);
  });
});
