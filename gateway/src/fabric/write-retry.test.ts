import { retryDelay, retryLostRaces } from './write-retry';

const settings = { retries: 3, baseDelayMs: 50, maxDelayMs: 300 };
const noWait = async () => undefined;
const lost = new Error('lost');
const isLost = (err: unknown) => err === lost;

describe('writes that lose a race are tried again, a bounded number of times', () => {
  it('a write that loses twice and then commits is answered with the commit', async () => {
    let calls = 0;
    const result = await retryLostRaces(async () => (++calls < 3 ? Promise.reject(lost) : 'committed'), isLost, settings, noWait);
    expect(result).toBe('committed');
    expect(calls).toBe(3);
  });

  it('a write that keeps losing gives up after the configured retries with the last loss', async () => {
    let calls = 0;
    await expect(retryLostRaces(async () => (calls++, Promise.reject(lost)), isLost, settings, noWait)).rejects.toBe(lost);
    expect(calls).toBe(1 + settings.retries);
  });

  it('a refusal that is not a race is not retried', async () => {
    let calls = 0;
    const refused = new Error('DUPLICATE');
    await expect(retryLostRaces(async () => (calls++, Promise.reject(refused)), isLost, settings, noWait)).rejects.toBe(refused);
    expect(calls).toBe(1);
  });

  it('waits grow with each retry up to the cap and are random below it', () => {
    expect(retryDelay(0, settings, () => 0.999)).toBe(49);
    expect(retryDelay(2, settings, () => 0.999)).toBe(199);
    expect(retryDelay(5, settings, () => 0.999)).toBe(299);
    expect(retryDelay(5, settings, () => 0)).toBe(0);
  });
});
