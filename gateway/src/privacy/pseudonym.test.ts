import { createHmac } from 'node:crypto';
import { Pseudonymizer } from './pseudonym';

const key = Buffer.alloc(32, 7);

describe('keyed pseudonyms', () => {
  it('a subjectRef is HMAC-SHA256(key, subject domain, NUL, ID) as 64 lowercase hex characters', () => {
    const ref = new Pseudonymizer(key).subjectRef('11010519491231002X');
    expect(ref).toBe(createHmac('sha256', key).update('welfare-ledger/subject/v1\u000011010519491231002X').digest('hex'));
    expect(ref).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a different key gives a different pseudonym for the same ID', () => {
    const other = new Pseudonymizer(Buffer.alloc(32, 8));
    expect(other.subjectRef('11010519491231002X')).not.toBe(new Pseudonymizer(key).subjectRef('11010519491231002X'));
  });

  it('an account written with spaces or dashes has the same accountRef', () => {
    const p = new Pseudonymizer(key);
    expect(p.accountRef('6222 0212-3456 7890')).toBe(p.accountRef('6222021234567890'));
  });

  it('the same digits as a citizen ID and as an account give different pseudonyms (separate domains)', () => {
    const p = new Pseudonymizer(key);
    expect(p.accountRef('110105194912310021')).not.toBe(p.subjectRef('110105194912310021'));
    expect(p.accountRef('6222021234567890')).toBe(createHmac('sha256', key).update('welfare-ledger/account/v1\u00006222021234567890').digest('hex'));
  });

  it('refuses a key shorter than 32 bytes', () => {
    expect(() => new Pseudonymizer(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
