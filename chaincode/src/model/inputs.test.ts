import { z } from 'zod';
import { LedgerError } from '../lib/ledger-error';
import { changed, INPUT_KINDS } from '../testing/input-cases';
import { arg, parseJsonArg } from './validate';

const goodEvent = INPUT_KINDS.accessEvent.ledger;

describe('the chaincode reads each input with the schema it shares with the gateway', () => {
  describe.each(Object.entries(INPUT_KINDS))('%s', (_kind, { schema, argName, ledger, cases }) => {
    it('a valid input is taken as it is', () => {
      expect(parseJsonArg(JSON.stringify(ledger), schema, argName)).toMatchObject(ledger);
    });

    it.each(cases)('with $name: accepted $accepted', ({ change, accepted }) => {
      const parse = () => parseJsonArg(JSON.stringify(changed(ledger, change)), schema, argName);
      if (accepted) expect(parse).not.toThrow();
      else expect(parse).toThrow(`[VALIDATION] ${argName}`);
    });
  });

  it('names the field at fault: required, of the wrong type, unknown, or not an object at all', () => {
    const { legalBasis: _omitted, ...withoutBasis } = goodEvent;
    const event = (value: unknown) => () => parseJsonArg(JSON.stringify(value), INPUT_KINDS.accessEvent.schema, 'e');
    expect(event(withoutBasis)).toThrow('[VALIDATION] e.legalBasis: is required');
    expect(event({ ...goodEvent, resultCount: '1' })).toThrow('[VALIDATION] e.resultCount: must be of type number');
    expect(event({ ...goodEvent, resultCount: 1.5 })).toThrow('[VALIDATION] e.resultCount: must be an integer');
    expect(event({ ...goodEvent, fields: ['x', 7] })).toThrow('[VALIDATION] e.fields[1]: must be of type string');
    expect(event({ ...goodEvent, purpose: 'X' })).toThrow('[VALIDATION] e.purpose: must be one of ');
    expect(event({ ...goodEvent, idNumber: '1' })).toThrow('[VALIDATION] e.idNumber: is not a known field');
    expect(event({ ...goodEvent, legalBasis: 'x'.repeat(257) })).toThrow('[VALIDATION] e.legalBasis: must be at most 256 characters');
    expect(event({ ...goodEvent, accessedAt: '2024-02-30T00:00:00Z' })).toThrow('[VALIDATION] e.accessedAt: must be an ISO-8601 UTC time');
    expect(event([goodEvent])).toThrow('[VALIDATION] e: must be an object');
    expect(() => parseJsonArg('{', z.object({}), 'o')).toThrow('[VALIDATION] o: is not valid JSON');
  });

  it('a check across fields states its problem at the field it concerns', () => {
    const { batch, grant } = INPUT_KINDS;
    const lines = batch.ledger.lines as object[];
    expect(() => parseJsonArg(JSON.stringify({ ...batch.ledger, lines: [...lines, lines[0]] }), batch.schema, 'batch')).toThrow(
      '[VALIDATION] batch.lines[2].lineId: repeats lineId L-1',
    );
    expect(() => parseJsonArg(JSON.stringify({ ...grant.ledger, validTo: '2023-01-01' }), grant.schema, 'grant')).toThrow(
      '[VALIDATION] grant.validTo: is before validFrom',
    );
  });

  it('the error carries the field path for the gateway to report', () => {
    let caught: unknown;
    try {
      arg(INPUT_KINDS.line.schema, 'not json', 'line');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(LedgerError);
    expect((caught as LedgerError).details).toEqual({ field: 'line' });
  });
});
