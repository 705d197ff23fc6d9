import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as lib from './index';

describe('the shared library', () => {
  it('exports the vocabulary the gateway and the verifier import', () => {
    for (const name of [
      'canonicalJson',
      'sha256Hex',
      'REASON_CODES',
      'STATUS_BY_KIND',
      'LedgerError',
      'parseLedgerError',
      'leafHash',
      'merkleRoot',
      'inclusionProof',
      'verifyInclusion',
      'accessEventsRoot',
      'RECORD_KINDS',
      'ACCESS_PURPOSES',
      'FORMATS',
      'recordKey',
    ]) {
      expect(lib).toHaveProperty(name);
    }
  });

  it('imports nothing from Fabric, so an offline verifier can use it', () => {
    for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const source = readFileSync(join(__dirname, file), 'utf8');
      expect(source).not.toMatch(/from '(fabric-|\.\.\/)/);
    }
  });
});
