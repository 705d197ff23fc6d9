import { createHash } from 'node:crypto';
import { inclusionProof, leafHash, merkleRoot, merkleRootHex, nodeHash, rootFromLeafHashes, verifyInclusion } from './merkle';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const fromHex = (s: string) => Buffer.from(s, 'hex');

// The certificate-transparency reference leaves and tree heads (RFC 6962 test data).
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(fromHex);
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

// An independent, deliberately naive implementation written straight from RFC 6962 §2.1.
const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
function referenceRoot(d: Buffer[]): Buffer {
  if (d.length === 0) return sha();
  if (d.length === 1) return sha(Buffer.from([0]), d[0]);
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return sha(Buffer.from([1]), referenceRoot(d.slice(0, k)), referenceRoot(d.slice(k)));
}
function referencePath(m: number, d: Buffer[]): Buffer[] {
  if (d.length === 1) return [];
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return m < k
    ? [...referencePath(m, d.slice(0, k)), referenceRoot(d.slice(k))]
    : [...referencePath(m - k, d.slice(k)), referenceRoot(d.slice(0, k))];
}

const events = (n: number) => Array.from({ length: n }, (_, i) => `{"eventId":"E${i}","resultCount":${i}}`);

describe('RFC 6962 Merkle trees', () => {
  it('hash the empty tree to SHA-256 of nothing', () => {
    expect(merkleRootHex([])).toBe(CT_ROOTS[0]);
  });

  it('hash a single empty leaf to the well-known 6e340b9c… value', () => {
    expect(hex(leafHash(''))).toBe(CT_ROOTS[1]);
    expect(merkleRootHex([''])).toBe(CT_ROOTS[1]);
  });

  it('reproduce the certificate-transparency tree heads for 1 to 8 leaves', () => {
    for (let n = 1; n <= 8; n++) expect(merkleRootHex(CT_LEAVES.slice(0, n))).toBe(CT_ROOTS[n]);
  });

  it('reproduce the published audit paths of leaves 0 and 5 in the eight-leaf tree', () => {
    expect(inclusionProof(0, CT_LEAVES).map(hex)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(inclusionProof(5, CT_LEAVES).map(hex)).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
  });

  it('agree with a naive reference implementation for every size from 1 to 33, odd sizes included', () => {
    for (let n = 1; n <= 33; n++) {
      const leaves = events(n).map((e) => Buffer.from(e));
      expect(hex(merkleRoot(leaves))).toBe(hex(referenceRoot(leaves)));
      for (const m of new Set([0, Math.floor(n / 2), n - 1])) {
        expect(inclusionProof(m, leaves).map(hex)).toEqual(referencePath(m, leaves).map(hex));
      }
    }
  });

  it('verify every inclusion proof of every leaf in trees of 1 to 17 leaves', () => {
    for (let n = 1; n <= 17; n++) {
      const leaves = events(n);
      const root = merkleRoot(leaves);
      for (let m = 0; m < n; m++) {
        expect(verifyInclusion(leafHash(leaves[m]), m, n, inclusionProof(m, leaves), root)).toBe(true);
      }
    }
  });

  it('prove a single-leaf tree with an empty path', () => {
    expect(inclusionProof(0, ['only'])).toEqual([]);
    expect(verifyInclusion(leafHash('only'), 0, 1, [], merkleRoot(['only']))).toBe(true);
  });

  it('reject a proof for the wrong leaf, index, size, root or path', () => {
    const leaves = events(7);
    const root = merkleRoot(leaves);
    const proof = inclusionProof(3, leaves);
    const leaf = leafHash(leaves[3]);
    expect(verifyInclusion(leafHash(leaves[4]), 3, 7, proof, root)).toBe(false);
    expect(verifyInclusion(leaf, 4, 7, proof, root)).toBe(false);
    const lastLeaf = leafHash(leaves[6]);
    expect(verifyInclusion(lastLeaf, 6, 7, inclusionProof(6, leaves), root)).toBe(true);
    expect(verifyInclusion(lastLeaf, 6, 8, inclusionProof(6, leaves), root)).toBe(false);
    expect(verifyInclusion(leaf, 3, 7, proof, merkleRoot(events(6)))).toBe(false);
    expect(verifyInclusion(leaf, 3, 7, proof.slice(1), root)).toBe(false);
    expect(verifyInclusion(leaf, 3, 7, [...proof, proof[0]], root)).toBe(false);
    expect(verifyInclusion(leaf, 7, 7, proof, root)).toBe(false);
    expect(verifyInclusion(leaf, -1, 7, proof, root)).toBe(false);
    expect(verifyInclusion(leaf, 0, 1, [proof[0]], root)).toBe(false);
  });

  it('refuse to prove a leaf outside the tree', () => {
    expect(() => inclusionProof(3, events(3))).toThrow(RangeError);
    expect(() => inclusionProof(-1, events(3))).toThrow(RangeError);
  });

  it('separate leaves from nodes, so a node cannot pass as a leaf', () => {
    const a = leafHash('a');
    const b = leafHash('b');
    expect(hex(nodeHash(a, b))).toBe(hex(rootFromLeafHashes([a, b])));
    expect(hex(leafHash(Buffer.concat([a, b])))).not.toBe(hex(nodeHash(a, b)));
  });
});
