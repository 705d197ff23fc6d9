import { protoBlock } from './testing/fake-chain';
import { HeaderCache } from './header-cache';

const header = (n: number) => ({ number: n, previousHash: 'aa'.repeat(32), dataHash: 'bb'.repeat(32) });

describe('the header cache', () => {
  test('fetches each block once, however many ranges ask for it at once', async () => {
    const fetched: number[] = [];
    const cache = new HeaderCache(async (n) => {
      fetched.push(n);
      await new Promise((r) => setTimeout(r, 5));
      return protoBlock(header(n));
    });
    const [a, b] = await Promise.all([cache.range(3, 20), cache.range(10, 25)]);
    expect(a.map((h) => h.number)).toEqual(Array.from({ length: 18 }, (_, i) => 3 + i));
    expect(b.map((h) => h.number)).toEqual(Array.from({ length: 16 }, (_, i) => 10 + i));
    expect([...fetched].sort((x, y) => x - y)).toEqual(Array.from({ length: 23 }, (_, i) => 3 + i));
    await cache.range(3, 25);
    expect(fetched).toHaveLength(23);
  });

  test('an empty range asks nothing', async () => {
    const cache = new HeaderCache(async () => {
      throw new Error('not expected');
    });
    expect(await cache.range(5, 4)).toEqual([]);
  });

  test('a failed fetch is not remembered', async () => {
    let fail = true;
    const cache = new HeaderCache(async (n) => {
      if (fail) throw new Error('peer down');
      return protoBlock(header(n));
    });
    await expect(cache.range(1, 1)).rejects.toThrow('peer down');
    fail = false;
    expect(await cache.range(1, 1)).toEqual([header(1)]);
  });
});
