/**
 * Keyed pseudonyms: what reaches the ledger instead of a citizen ID or a bank account
 * (SPEC §5): HMAC-SHA256 under the consortium key, as lowercase hex.
 */
import { createHmac } from 'node:crypto';

export class Pseudonymizer {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new Error('the pseudonym key must be at least 32 bytes');
  }

  subjectRef(residentId: string): string {
    return this.hmac(residentId);
  }

  /** Spaces and dashes people write inside account numbers do not change the pseudonym. */
  accountRef(bankAccount: string): string {
    return this.hmac(bankAccount.replace(/[\s-]+/g, ''));
  }

  private hmac(value: string): string {
    return createHmac('sha256', this.key).update(value, 'utf8').digest('hex');
  }
}
