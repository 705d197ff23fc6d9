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
      'checkLine',
      'checkBatch',
      'RULES_VERSION',
    ]) {
      expect(lib).toHaveProperty(name);
    }
  });

  it('imports nothing from Fabric, so an offline verifier can use it', () => {
    for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const source = readFileSync(join(__dirname, file), 'utf8');
      // The one way out of lib is rules.ts, re-exporting the pure rules for the verifier.
      expect(source).not.toMatch(/from '(fabric-|\.\.\/(?!rules\/))/);
    }
  });

  it('re-exports only rules that read no state and import nothing from Fabric (type-only model imports are erased)', () => {
    const rulesDir = join(__dirname, '..', 'rules');
    for (const file of readdirSync(rulesDir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(rulesDir, file), 'utf8');
      expect(source).not.toMatch(/from '(fabric-|\.\.\/(state|contracts)\/)/);
      expect(source).not.toMatch(/^import \{[^}]*\} from '\.\.\/model\//m);
    }
  });
});
