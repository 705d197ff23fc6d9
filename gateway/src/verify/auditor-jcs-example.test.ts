/**
 * The worked example in README.md ("Recomputing a leaf with a JCS library") is real: these are
 * the bytes and hashes the project's own code produces for that access event.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { accessEventLeaf, accessEventsRoot, canonicalBytes, leafHash, sha256Hex } from '@welfare-ledger/chaincode/lib';

const readme = readFileSync(path.join(__dirname, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Recomputing a leaf with a JCS library'));

/** The event exactly as the README prints it, members in the order a client might send them. */
const exampleEvent = JSON.parse(section.match(/```json\n([\s\S]*?)```/)![1]);

describe('the auditor\'s JCS worked example in verify/README.md', () => {
  it('prints the canonical text the chaincode hashes', () => {
    expect(section).toContain(`\n${accessEventLeaf(exampleEvent)}\n`);
  });

  it('prints the leaf\'s UTF-8 length, its SHA-256 and its RFC 6962 leaf hash', () => {
    const bytes = canonicalBytes(exampleEvent);
    expect(section).toContain(`${bytes.length} bytes`);
    expect(section).toContain(sha256Hex(bytes));
    expect(section).toContain(leafHash(bytes).toString('hex'));
  });

  it('prints the Merkle root of a batch holding only this event, which is its leaf hash', () => {
    expect(accessEventsRoot([exampleEvent])).toBe(leafHash(canonicalBytes(exampleEvent)).toString('hex'));
  });
});
