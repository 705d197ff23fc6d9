import { diverged } from './ledger-overview';

const peer = (org: string, height: number, hash: string) => ({ org, reachable: true, height, currentBlockHash: hash });

describe('ledger health: divergence', () => {
  it('three peers at one height with one tip agree', () => {
    expect(diverged([peer('A', 9, 'aa'), peer('B', 9, 'aa'), peer('C', 9, 'aa')])).toBe(false);
  });

  it('two peers at the same height with different tips have diverged', () => {
    expect(diverged([peer('A', 9, 'aa'), peer('B', 9, 'bb'), peer('C', 8, 'cc')])).toBe(true);
  });

  it('a peer behind the others, or unreachable, is not a divergence', () => {
    expect(diverged([peer('A', 9, 'aa'), peer('B', 8, 'bb'), { org: 'C', reachable: false }])).toBe(false);
  });
});
