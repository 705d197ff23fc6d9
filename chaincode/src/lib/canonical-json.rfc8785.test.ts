/**
 * The project's canonical JSON is RFC 8785 (JCS): the RFC's own examples, and property tests
 * against an independent JCS implementation from npm (json-canonicalize).
 */
import fc from 'fast-check';
import { canonicalize } from 'json-canonicalize';
import { canonicalBytes, canonicalJson } from './canonical-json';
import { LedgerError } from './ledger-error';

function fromIeee754(hex: string): number {
  return Buffer.from(hex, 'hex').readDoubleBE(0);
}

function hasMoneyKey(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasMoneyKey);
  return Object.entries(value).some(([key, member]) => key.endsWith('Fen') || hasMoneyKey(member));
}

describe('canonical JSON is RFC 8785 (JCS)', () => {
  it('writes the RFC 3.2.2 sample input as the RFC\'s UTF-8 bytes', () => {
    const input = JSON.parse(
      '{\n  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n' +
        '  "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n  "literals": [null, true, false]\n}',
    );
    const rfcHex =
      '7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72 75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 ' +
      '65 72 73 22 3a 5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31 65 2b 33 30 2c 34 2e 35 2c 30 ' +
      '2e 30 30 32 2c 31 65 2d 32 37 5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30 30 66 5c 6e 41 ' +
      '27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d';
    expect(canonicalBytes(input).toString('hex')).toBe(rfcHex.replace(/ /g, ''));
  });

  it('sorts keys by UTF-16 code units as the RFC 3.2.3 example does (an emoji before U+FB33)', () => {
    const input = JSON.parse(
      '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One",' +
        '"\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}',
    );
    const values = Object.values(JSON.parse(canonicalJson(input)));
    const order = [...canonicalJson(input).matchAll(/:"([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual([
      'Carriage Return', 'One', 'Control', 'Latin Small Letter O With Diaeresis', 'Euro Sign',
      'Emoji: Grinning Face', 'Hebrew Letter Dalet With Dagesh',
    ]);
    expect(values).toHaveLength(7);
  });

  // RFC 8785 Appendix B: IEEE 754 double (hex) -> its JCS text.
  it.each([
    ['0000000000000000', '0'], ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'], ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'], ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'], ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'], ['44b52d02c7e14af6', '1e+23'], ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'], ['444b1ae4d6e2ef4f', '999999999999999900000'], ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'], ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'], ['41b3de4355555554', '333333333.33333325'], ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'], ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'], ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('writes the double %s as %s (Appendix B)', (hex, text) => {
    expect(canonicalJson(fromIeee754(hex))).toBe(text);
  });

  it.each(['7fffffffffffffff', '7ff0000000000000'])('refuses NaN and Infinity (%s, Appendix B)', (hex) => {
    expect(() => canonicalJson(fromIeee754(hex))).toThrow(LedgerError);
  });

  it('gives the same bytes as an independent JCS library for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
        fc.pre(!hasMoneyKey(value));
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 500 },
    );
  });

  it('orders any keys, astral ones included, as the independent library does', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), fc.double({ noNaN: true, noDefaultInfinity: true }), { maxKeys: 12 }), (object) => {
        fc.pre(!hasMoneyKey(object));
        expect(canonicalJson(object)).toBe(canonicalize(object));
      }),
      { numRuns: 300 },
    );
  });

  it('is a fixed point: canonicalising its own output parsed back gives the same text', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
        fc.pre(!hasMoneyKey(value));
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('where the project asks more than JCS', () => {
  it('refuses a lone surrogate in a value or a key, which JCS leaves to I-JSON', () => {
    expect(() => canonicalJson({ note: 'a\ud800' })).toThrow('$.note has a lone UTF-16 surrogate');
    expect(() => canonicalJson({ ['\udc00']: 1 })).toThrow(LedgerError);
    expect(canonicalJson({ note: '\ud83d\ude00' })).toBe('{"note":"😀"}');
  });

  it('refuses objects that are not plain, where a JCS library would call toJSON', () => {
    expect(() => canonicalJson({ at: new Date(0) })).toThrow('$.at cannot be represented in JSON (not a plain object)');
    expect(() => canonicalJson(Buffer.from('x'))).toThrow(LedgerError);
    expect(canonicalJson(Object.assign(Object.create(null), { a: 1 }))).toBe('{"a":1}');
  });

  it('refuses a money amount that JCS would happily write as 12.5', () => {
    expect(canonicalize({ amountFen: 12.5 })).toBe('{"amountFen":12.5}');
    expect(() => canonicalJson({ amountFen: 12.5 })).toThrow('$.amountFen is money');
  });

  it('refuses undefined in an array, which a JCS library writes as null', () => {
    expect(canonicalize([undefined])).toBe('[null]');
    expect(() => canonicalJson([undefined])).toThrow(LedgerError);
  });
});
