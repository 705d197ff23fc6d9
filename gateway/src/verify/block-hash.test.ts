import { common } from '@hyperledger/fabric-protos';
import { createHash } from 'node:crypto';
import { blockDataHash, blockHeaderBytes, blockHeaderHash } from './block-hash';
import { chainBlocks, mvccInvalidBundle } from './testing/fixtures';

const zero = new Uint8Array(32);

describe('block header bytes are the DER SEQUENCE Fabric hashes', () => {
  test.each([
    [0, '020100'],
    [127, '02017f'],
    [128, '02020080'],
    [255, '020200ff'],
    [256, '02020100'],
    [65536, '0203010000'],
    [2 ** 40, '02060100' + '00000000'],
  ])('block number %d is a minimal non-negative INTEGER', (n, integer) => {
    const bytes = blockHeaderBytes({ number: n, previousHash: zero, dataHash: zero });
    const octets = '0420' + '00'.repeat(32);
    const content = integer + octets + octets;
    expect(bytes.toString('hex')).toBe('30' + (content.length / 2).toString(16) + content);
  });

  test('an empty previous hash (the genesis block) is an empty OCTET STRING', () => {
    expect(blockHeaderBytes({ number: 0, previousHash: new Uint8Array(), dataHash: zero }).toString('hex')).toBe('3027' + '020100' + '0400' + '0420' + '00'.repeat(32));
  });

  test('a content longer than 127 bytes uses the long length form', () => {
    const long = new Uint8Array(200);
    expect(blockHeaderBytes({ number: 1, previousHash: long, dataHash: zero }).subarray(0, 3).toString('hex')).toBe('3081f0');
  });

  test('a negative or fractional block number is refused', () => {
    expect(() => blockHeaderBytes({ number: -1, previousHash: zero, dataHash: zero })).toThrow(RangeError);
    expect(() => blockHeaderBytes({ number: 1.5, previousHash: zero, dataHash: zero })).toThrow(RangeError);
  });
});

describe('on blocks a real Fabric network produced', () => {
  const blocks = chainBlocks().map((bytes) => common.Block.deserializeBinary(bytes));

  test('every data hash is SHA-256 over the concatenated data entries', () => {
    for (const block of blocks) {
      expect(blockDataHash(block.getData()!.getDataList_asU8())).toEqual(Buffer.from(block.getHeader()!.getDataHash_asU8()));
    }
  });

  test("every header's hash is the next block's previous hash", () => {
    for (let i = 1; i < blocks.length; i++) {
      const h = blocks[i - 1].getHeader()!;
      const hash = blockHeaderHash({ number: h.getNumber(), previousHash: h.getPreviousHash_asU8(), dataHash: h.getDataHash_asU8() });
      expect(hash).toEqual(Buffer.from(blocks[i].getHeader()!.getPreviousHash_asU8()));
    }
  });

  test('the data hash is of the concatenation, not of the entries hashed one by one', () => {
    const entries = mvccInvalidBundle().block.data.map((d) => Buffer.from(d, 'base64'));
    expect(entries.length).toBeGreaterThan(1);
    const perEntry = createHash('sha256');
    for (const entry of entries) perEntry.update(createHash('sha256').update(entry).digest());
    expect(blockDataHash(entries)).not.toEqual(perEntry.digest());
  });
});
