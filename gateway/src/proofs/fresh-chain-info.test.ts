import type { PeerChainInfo } from './chain-queries';
import { FreshChainInfo } from './fresh-chain-info';

/** A peer whose GetChainInfo answers are released by the test, each with the height at the moment it is answered. */
function slowPeer() {
  let height = 10;
  const pending: Array<() => void> = [];
  const asked: number[] = [];
  const ask = () =>
    new Promise<PeerChainInfo>((resolve) => {
      asked.push(height);
      pending.push(() => resolve({ height, currentBlockHash: `hash-${height}` }));
    });
  const answerAll = async () => {
    for (const answer of pending.splice(0)) answer();
    await new Promise((r) => setImmediate(r));
  };
  return { ask, answerAll, asked, commitBlock: () => height++ };
}

describe('the chain tip shared by concurrent bundles', () => {
  test('callers arriving while a call is out share one later call, not one each', async () => {
    const peer = slowPeer();
    const tip = new FreshChainInfo(peer.ask);
    const first = tip.get();
    const waiting = Array.from({ length: 7 }, () => tip.get());
    expect(peer.asked).toHaveLength(1);
    await peer.answerAll();
    expect(peer.asked).toHaveLength(2);
    await peer.answerAll();
    await Promise.all([first, ...waiting]);
    expect(peer.asked).toHaveLength(2);
  });

  test('never answers with a tip the peer reported before the caller asked', async () => {
    const peer = slowPeer();
    const tip = new FreshChainInfo(peer.ask);
    const early = tip.get(); // asked at height 10
    peer.commitBlock(); // a block is committed; a checkpoint fetched now shows height 11
    const late = tip.get();
    await peer.answerAll();
    await peer.answerAll();
    expect((await early).height).toBe(11); // answered after the commit, by the peer, in this fake
    expect((await late).height).toBe(11);
    expect(peer.asked).toEqual([10, 11]);
  });

  test('a failed call is not shared with callers that came later', async () => {
    let calls = 0;
    const tip = new FreshChainInfo(async () => {
      calls++;
      if (calls === 1) throw new Error('peer down');
      return { height: 5, currentBlockHash: 'h' };
    });
    const failed = tip.get();
    const later = tip.get();
    await expect(failed).rejects.toThrow('peer down');
    await expect(later).resolves.toEqual({ height: 5, currentBlockHash: 'h' });
    expect(calls).toBe(2);
  });
});
