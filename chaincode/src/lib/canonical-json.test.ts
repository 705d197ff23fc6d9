import { canonicalBytes, canonicalJson, sha256Hex } from './canonical-json';
import { LedgerError } from './ledger-error';

describe('canonical JSON', () => {
  it('sorts keys at every depth and leaves no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('gives the same bytes whatever the key order of the input', () => {
    expect(canonicalBytes({ x: 1, y: 2 }).equals(canonicalBytes({ y: 2, x: 1 }))).toBe(true);
  });

  it('keeps Chinese text as text and escapes control characters as JSON does', () => {
    expect(canonicalJson({ nameZh: '最低生活保障', note: 'a\u0000b"' })).toBe('{"nameZh":"最低生活保障","note":"a\\u0000b\\""}');
  });

  it('drops undefined members as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it.each([NaN, Infinity, -Infinity])('refuses the non-finite number %p', (value) => {
    expect(() => canonicalJson({ resultCount: value })).toThrow(LedgerError);
  });

  it('refuses money that is not a safe integer number of fen', () => {
    expect(() => canonicalJson({ amountFen: 12.5 })).toThrow('[VALIDATION] $.amountFen is money');
    expect(() => canonicalJson({ lines: [{ monthlyCapFen: 2 ** 60 }] })).toThrow('$.lines[0].monthlyCapFen');
    expect(() => canonicalJson({ amountFen: '100' })).toThrow(LedgerError);
  });

  it('accepts null money (a line whose amount could not be kept)', () => {
    expect(canonicalJson({ amountFen: null })).toBe('{"amountFen":null}');
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson([undefined])).toThrow('$[0] cannot be represented');
    expect(() => canonicalJson({ f: () => 1 })).toThrow(LedgerError);
    expect(() => canonicalJson(BigInt(1))).toThrow(LedgerError);
  });

  it('hashes with SHA-256 in lowercase hex', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
