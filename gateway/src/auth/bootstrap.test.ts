import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { openStateDb } from '../store/state-db';
import { bootstrapKeys } from './bootstrap';
import { KeyStore } from './key-store';

const keysIn = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'bootstrap-keys.json'), 'utf8')) as Record<string, { apiKey: string; mspId: string }>;

describe('bootstrap keys', () => {
  it("issues keys for the org's own first systems once, in a file only its owner reads", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bootstrap-'));
    const keys = new KeyStore(openStateDb(':memory:'));
    const systems = bootstrapKeys(dir, 'FinanceMSP', keys);
    expect(systems.map((s) => s.system.systemId)).toEqual(['finance-admin', 'finance-system']);
    const issued = keysIn(dir);
    expect(Object.values(issued).map((k) => k.mspId)).toEqual(['FinanceMSP', 'FinanceMSP']);
    expect(statSync(path.join(dir, 'bootstrap-keys.json')).mode & 0o777).toBe(0o600);
    expect(keys.authenticate(issued['finance-system'].apiKey)?.systemId).toBe('finance-system');

    bootstrapKeys(dir, 'FinanceMSP', keys);
    expect(keysIn(dir)).toEqual(issued);
  });

  it('a lost key store does not bring back the keys of the old file: the systems get new keys', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bootstrap-'));
    const old = keysIn((bootstrapKeys(dir, 'AuditMSP', new KeyStore(openStateDb(':memory:'))), dir));
    const fresh = new KeyStore(openStateDb(':memory:'));
    bootstrapKeys(dir, 'AuditMSP', fresh);
    expect(fresh.authenticate(old['audit-system'].apiKey)).toBeUndefined();
    const renewed = keysIn(dir);
    expect(renewed['audit-system'].apiKey).not.toBe(old['audit-system'].apiKey);
    expect(fresh.authenticate(renewed['audit-system'].apiKey)?.systemId).toBe('audit-system');
  });
});
