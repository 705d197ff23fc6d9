/**
 * Keyed pseudonyms: what reaches the ledger instead of a citizen ID or a bank account
 * (SPEC §5): HMAC-SHA256 under the consortium key, as lowercase hex. Each kind of value has its own
 * domain (a label in the HMAC input), so a number that is both an ID and an account (or looks like
 * one) never yields the same pseudonym in both places.
 */
import { createHmac } from 'node:crypto';

export const PSEUDONYM_DOMAINS = { subject: 'welfare-ledger/subject/v1', account: 'welfare-ledger/account/v1' } as const;

export class Pseudonymizer {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new Error('the pseudonym key must be at least 32 bytes');
  }

  subjectRef(residentId: string): string {
    return this.hmac(PSEUDONYM_DOMAINS.subject, residentId);
  }

  /** Spaces and dashes people write inside account numbers do not change the pseudonym. */
  accountRef(bankAccount: string): string {
    return this.hmac(PSEUDONYM_DOMAINS.account, bankAccount.replace(/[\s-]+/g, ''));
  }

  private hmac(domain: string, value: string): string {
    return createHmac('sha256', this.key).update(`${domain}\u0000${value}`, 'utf8').digest('hex');
  }
}
