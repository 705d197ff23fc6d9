/**
 * One-time codes for "who read my data": a civil-affairs counter issues one for a person (by
 * citizen ID, which becomes a pseudonym at once); the person redeems it once, without an API key,
 * to see every access event about them. The code stands for the pseudonym, so no link ever holds
 * the ID. Only a SHA-256 of each code is stored (a code is 128 random bits: a hash is enough), in
 * the gateway's own state database, so a code survives a restart of the gateway.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { StateDb } from '../store/state-db';

/** How long an unredeemed code stays valid. */
export const ACCESS_CODE_TTL_MS = 7 * 24 * 3600 * 1000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS data_access_codes (
  code_hash    TEXT PRIMARY KEY,   -- hex SHA-256 of the code; the code itself is never stored
  subject_ref  TEXT NOT NULL,
  issued_by    TEXT NOT NULL,      -- the system (counter) that issued it
  expires_at   TEXT NOT NULL,
  redeemed_at  TEXT
);`;

export interface IssuedCode {
  code: string;
  expiresAt: string;
}

export class DataAccessCodes {
  private readonly insert;
  private readonly redeemRow;

  constructor(db: StateDb) {
    db.exec(SCHEMA);
    this.insert = db.prepare('INSERT INTO data_access_codes (code_hash, subject_ref, issued_by, expires_at) VALUES (?, ?, ?, ?)');
    // One statement marks the code used and returns its subject: two redemptions at once cannot both win.
    this.redeemRow = db.prepare(
      'UPDATE data_access_codes SET redeemed_at = ? WHERE code_hash = ? AND redeemed_at IS NULL AND expires_at > ? RETURNING subject_ref',
    );
  }

  issue(subjectRef: string, issuedBy: string, now = new Date()): IssuedCode {
    const code = formatCode(randomBytes(16));
    const expiresAt = new Date(now.getTime() + ACCESS_CODE_TTL_MS).toISOString();
    this.insert.run(hashOf(code), subjectRef, issuedBy, expiresAt);
    return { code, expiresAt };
  }

  /** The pseudonym a code stands for, once: undefined for an unknown, used or expired code. */
  redeem(code: string, now = new Date()): string | undefined {
    const row = this.redeemRow.get(now.toISOString(), hashOf(normalise(code)), now.toISOString()) as { subject_ref: string } | undefined;
    return row?.subject_ref;
  }
}

/** Crockford base32 in groups of four, easy to read out and type: XXXX-XXXX-... (26 characters). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function formatCode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(/.{1,4}/g)!.join('-');
}

/** What a person types: any case, with or without dashes and spaces. */
export function normalise(code: string): string {
  const plain = code.toUpperCase().replace(/[\s-]/g, '');
  return plain.match(/.{1,4}/g)?.join('-') ?? '';
}

function hashOf(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}
