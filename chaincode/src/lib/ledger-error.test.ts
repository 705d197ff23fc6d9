import { LedgerError, parseLedgerError } from './ledger-error';
import { LINE_REJECTION_CODES, REASON_CODES, STATUS_BY_KIND, isReasonCode, reasonKind } from './reason-codes';

describe('ledger errors', () => {
  it('carry their code in the message as [CODE] so the gateway can read it back', () => {
    const error = new LedgerError('DECEASED', 'the subject died on 2024-05-03', { dateOfDeath: '2024-05-03' });
    expect(error.message).toBe('[DECEASED] the subject died on 2024-05-03');
    expect(error.code).toBe('DECEASED');
    expect(error.kind).toBe('rule');
    expect(error.details).toEqual({ dateOfDeath: '2024-05-03' });
    expect(error).toBeInstanceOf(Error);
  });

  it('are found again inside a peer endorsement error text', () => {
    const peerText =
      'endorsement failure during invoke. response: status:500 message:"[DUPLICATE] line L2: a REGULAR payment for this subject, programme and period already exists"';
    expect(parseLedgerError(peerText)).toEqual({
      code: 'DUPLICATE',
      message: 'line L2: a REGULAR payment for this subject, programme and period already exists"',
    });
  });

  it('are not invented from text without a known code', () => {
    expect(parseLedgerError('Expected 1 parameters, but 0 have been supplied')).toBeUndefined();
    expect(parseLedgerError('[NOT_A_CODE] something')).toBeUndefined();
  });
});

describe('reason codes', () => {
  it('each have a kind the gateway maps to an HTTP status', () => {
    for (const code of Object.keys(REASON_CODES)) {
      expect(isReasonCode(code)).toBe(true);
      expect(STATUS_BY_KIND[reasonKind(code as keyof typeof REASON_CODES)]).toBeGreaterThanOrEqual(400);
    }
    expect(isReasonCode('toString')).toBe(false);
  });

  it('list the line checks in the order they run', () => {
    expect(LINE_REJECTION_CODES).toEqual([
      'UNKNOWN_PROGRAM',
      'INVALID_AMOUNT',
      'NOT_ELIGIBLE',
      'DECEASED',
      'DUPLICATE',
      'AMOUNT_EXCEEDS_STANDARD',
    ]);
    for (const code of LINE_REJECTION_CODES) expect(STATUS_BY_KIND[reasonKind(code)]).toBe(422);
  });
});
