import { OwnPeers } from './own-peers';

const down = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { unreachable: true });
const isUnreachable = (err: unknown) => (err as { unreachable?: boolean }).unreachable === true;

describe("failover among an org's own peers", () => {
  it('a request the first peer cannot take goes to the org\'s second peer, which then takes the next ones', async () => {
    const connected: number[] = [];
    const peers = new OwnPeers(['peer0.finance', 'peer1.finance'], (i) => connected.push(i));
    const seen: string[] = [];
    const answer = await peers.run(async () => {
      seen.push(peers.current);
      if (peers.current === 'peer0.finance') throw down;
      return 'committed';
    }, isUnreachable);
    expect(answer).toBe('committed');
    expect(seen).toEqual(['peer0.finance', 'peer1.finance']);
    expect(connected).toEqual([0, 1]);
    expect(await peers.run(async () => peers.current, isUnreachable)).toBe('peer1.finance');
  });

  it('a refusal by the ledger is not a reason to move: it is the answer', async () => {
    const peers = new OwnPeers(['peer0', 'peer1'], () => {});
    const refused = new Error('[DUPLICATE] already paid');
    let attempts = 0;
    await expect(peers.run(async () => { attempts++; throw refused; }, isUnreachable)).rejects.toBe(refused);
    expect(attempts).toBe(1);
    expect(peers.current).toBe('peer0');
  });

  it('with every peer down the last peer\'s error is the answer, after one attempt per peer', async () => {
    const peers = new OwnPeers(['peer0', 'peer1'], () => {});
    let attempts = 0;
    await expect(peers.run(async () => { attempts++; throw down; }, isUnreachable)).rejects.toBe(down);
    expect(attempts).toBe(2);
  });

  it('concurrent requests failing on the same peer move to the next peer once, not once each', async () => {
    const connected: number[] = [];
    const peers = new OwnPeers(['peer0', 'peer1', 'peer2'], (i) => connected.push(i));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const attempt = async () => {
      const on = peers.current;
      if (on === 'peer0') { await gate; throw down; }
      return on;
    };
    const both = Promise.all([peers.run(attempt, isUnreachable), peers.run(attempt, isUnreachable)]);
    release();
    expect(await both).toEqual(['peer1', 'peer1']);
    expect(connected).toEqual([0, 1]);
  });

  it('a single peer has nowhere to go', async () => {
    const peers = new OwnPeers(['peer0'], () => {});
    await expect(peers.run(async () => { throw down; }, isUnreachable)).rejects.toBe(down);
  });
});
