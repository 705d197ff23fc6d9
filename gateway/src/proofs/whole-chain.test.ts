import { ApiError } from '../errors';
import { firstBlockAfterSnapshot, onWholeChain } from './whole-chain';

// Fabric 2.5's own words (common/ledger/blkstorage/blockfile_mgr.go), as the gateway API relays them in details.
const beforeSnapshot = (first: number) =>
  Object.assign(new Error('evaluate call to endorser returned error'), {
    details: [{ message: `cannot serve block [3]. The ledger is bootstrapped from a snapshot. First available block = [${first}]` }],
  });
const txBeforeSnapshot = new Error('details for the TXID [ab12] not available. Ledger bootstrapped from a snapshot. First available block = [141]');

describe('proof lookups on a peer joined from a snapshot', () => {
  test('reads the first block such a peer holds from its refusal, and nothing from other failures', () => {
    expect(firstBlockAfterSnapshot(beforeSnapshot(142))).toBe(142);
    expect(firstBlockAfterSnapshot(txBeforeSnapshot)).toBe(141);
    expect(firstBlockAfterSnapshot(new Error('14 UNAVAILABLE: connection refused'))).toBeUndefined();
  });

  test('asks the next peer of the org when the first lacks the block', async () => {
    const asked: string[] = [];
    const answer = await onWholeChain('FinanceMSP', [{ name: 'peer0', contract: 'p0' }, { name: 'peer1', contract: 'p1' }], async (p) => {
      asked.push(p);
      if (p === 'p0') throw beforeSnapshot(142);
      return 'block 3';
    });
    expect(answer).toBe('block 3');
    expect(asked).toEqual(['p0', 'p1']);
  });

  test('any other failure is not skipped: the next peer is not asked', async () => {
    const asked: string[] = [];
    const failing = onWholeChain('FinanceMSP', [{ name: 'peer0', contract: 'p0' }, { name: 'peer1', contract: 'p1' }], async (p) => {
      asked.push(p);
      throw new Error('14 UNAVAILABLE');
    });
    await expect(failing).rejects.toThrow('14 UNAVAILABLE');
    expect(asked).toEqual(['p0']);
  });

  test('when no peer of the org holds the block: 503 BLOCK_BEFORE_SNAPSHOT naming each peer and its first block', async () => {
    const failing = onWholeChain('AuditMSP', [{ name: 'peer0.audit.welfare.local', contract: 'p0' }], async () => {
      throw beforeSnapshot(142);
    });
    await expect(failing).rejects.toBeInstanceOf(ApiError);
    await expect(failing).rejects.toMatchObject({ status: 503, code: 'BLOCK_BEFORE_SNAPSHOT', message: expect.stringContaining('peer0.audit.welfare.local (from block 142)') });
  });
});
