import { openStateDb } from '../store/state-db';
import { ACCESS_CODE_TTL_MS, DataAccessCodes, normalise } from './access-codes';

const SUBJECT = 'a'.repeat(64);

describe('one-time codes for "who read my data"', () => {
  const codes = () => new DataAccessCodes(openStateDb(':memory:'));

  it('a code is redeemed once for its pseudonym, then refused', () => {
    const store = codes();
    const { code } = store.issue(SUBJECT, 'civil-affairs-system');
    expect(code).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{2}$/);
    expect(store.redeem(code)).toBe(SUBJECT);
    expect(store.redeem(code)).toBeUndefined();
  });

  it('a code typed in lower case with spaces is the same code', () => {
    const store = codes();
    const { code } = store.issue(SUBJECT, 'counter');
    expect(normalise(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(store.redeem(code.toLowerCase().replace(/-/g, ''))).toBe(SUBJECT);
  });

  it('an expired or unknown code gives nothing', () => {
    const store = codes();
    const issuedAt = new Date('2026-01-01T00:00:00Z');
    const { code } = store.issue(SUBJECT, 'counter', issuedAt);
    expect(store.redeem('0000-0000-0000-0000-0000-0000-00')).toBeUndefined();
    expect(store.redeem(code, new Date(issuedAt.getTime() + ACCESS_CODE_TTL_MS + 1))).toBeUndefined();
  });

  it('two codes for one person are different', () => {
    const store = codes();
    expect(store.issue(SUBJECT, 'counter').code).not.toBe(store.issue(SUBJECT, 'counter').code);
  });
});
