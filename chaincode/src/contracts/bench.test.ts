import { IDENTITIES, TestLedger } from '../testing/network';
import { BenchContract } from './bench';

describe('the plain-write benchmark baseline', () => {
  it('any member org writes one key and gets its txId back, with no chaincode event', async () => {
    const ledger = new TestLedger();
    for (const who of [IDENTITIES.civilAffairs, IDENTITIES.finance, IDENTITIES.audit]) {
      const { result, txId, event, writes } = await ledger.submit(new BenchContract(), 'PutValue', who, `k-${who.msp}`, 'v');
      expect(result).toEqual({ key: `k-${who.msp}`, txId });
      expect(event).toBeNull();
      expect(writes).toBe(1);
    }
    expect(ledger.stored('bench', 'k-FinanceMSP')).toBe('{"key":"k-FinanceMSP","value":"v"}');
  });

  it('refuses an outsider and a malformed key', async () => {
    const ledger = new TestLedger();
    await expect(ledger.submit(new BenchContract(), 'PutValue', IDENTITIES.outsider, 'k', 'v')).rejects.toThrow('[FORBIDDEN]');
    await expect(ledger.submit(new BenchContract(), 'PutValue', IDENTITIES.finance, '', 'v')).rejects.toThrow('[VALIDATION] key');
  });
});
