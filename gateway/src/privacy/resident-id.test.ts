import { makeResidentId, residentIdProblem } from './resident-id';

describe('resident ID validation (GB 11643)', () => {
  it('accepts the standard worked example 11010519491231002X', () => {
    expect(residentIdProblem('11010519491231002X')).toBeUndefined();
  });

  it('accepts an ID built with a computed check character', () => {
    expect(residentIdProblem(makeResidentId('310104', '19550307', '123'))).toBeUndefined();
  });

  it('refuses a wrong check digit', () => {
    expect(residentIdProblem('110105194912310021')).toBe('CHECK_DIGIT');
  });

  it('refuses an impossible date of birth (30 February)', () => {
    const id = makeResidentId('310104', '19800230', '123');
    expect(residentIdProblem(id)).toBe('BIRTH_DATE');
  });

  it('refuses a lowercase x check character', () => {
    expect(residentIdProblem('11010519491231002x')).toBe('FORMAT');
  });

  it('refuses the wrong length and non-digits', () => {
    expect(residentIdProblem('1101051949123100')).toBe('FORMAT');
    expect(residentIdProblem('1101051949123100AX')).toBe('FORMAT');
  });
});
