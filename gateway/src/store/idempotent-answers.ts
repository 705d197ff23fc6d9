/**
 * The answers to writes sent with an `Idempotency-Key`, so that a retry gets the first answer.
 * Requests are known only by HMACs under a secret of this gateway (generated at first start into
 * its state directory, mode 0600): the store never holds a request body, which may carry a
 * citizen ID, nor a hash that could be matched against guessed bodies.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeSecretFile } from '../auth/secrets';
import type { StateDb } from './state-db';

export interface StoredAnswer {
  requestHmac: string;
  status: number;
  body: unknown;
}

export function loadIdempotencySecret(stateDir: string): Buffer {
  const file = path.join(stateDir, 'idempotency.key');
  if (!existsSync(file)) writeSecretFile(file, randomBytes(32).toString('hex') + '\n');
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

export class IdempotentAnswers {
  private readonly findRow;
  private readonly saveRow;

  constructor(
    db: StateDb,
    private readonly secret: Buffer,
  ) {
    this.findRow = db.prepare('SELECT request_hmac, status, body FROM idempotent_answers WHERE key_hmac = ?');
    this.saveRow = db.prepare(
      'INSERT OR IGNORE INTO idempotent_answers (key_hmac, request_hmac, status, body, created_at) VALUES (?, ?, ?, ?, ?)',
    );
  }

  /** Who sent the key and the key: one system's keys never meet another's. */
  keyHmac(systemId: string, idempotencyKey: string): string {
    return this.hmac(`idempotency-key\n${systemId}\n${idempotencyKey}`);
  }

  requestHmac(request: string): string {
    return this.hmac(`request\n${request}`);
  }

  find(keyHmac: string): StoredAnswer | undefined {
    const row = this.findRow.get(keyHmac) as { request_hmac: string; status: number; body: string } | undefined;
    return row && { requestHmac: row.request_hmac, status: row.status, body: JSON.parse(row.body) };
  }

  save(keyHmac: string, requestHmac: string, status: number, body: unknown): void {
    this.saveRow.run(keyHmac, requestHmac, status, JSON.stringify(body), new Date().toISOString());
  }

  private hmac(text: string): string {
    return createHmac('sha256', this.secret).update(text).digest('hex');
  }
}
