/**
 * The 18-character PRC resident identity number (GB 11643-1999): 6-digit region code,
 * 8-digit date of birth, 3-digit sequence, and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const SHAPE = /^[1-9]\d{5}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/;

export type ResidentIdProblem = 'FORMAT' | 'BIRTH_DATE' | 'CHECK_DIGIT';

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Why an ID is not valid, or undefined when it is. A lowercase x is a format problem. */
export function residentIdProblem(id: string): ResidentIdProblem | undefined {
  const match = SHAPE.exec(id);
  if (!match) return 'FORMAT';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const birth = new Date(Date.UTC(year, month - 1, day));
  const real = birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
  if (!real || year < 1900) return 'BIRTH_DATE';
  if (checkCharacter(id.slice(0, 17)) !== id[17]) return 'CHECK_DIGIT';
  return undefined;
}

/** Builds a valid ID from region, birth date (YYYYMMDD) and sequence: for demo data and tests. */
export function makeResidentId(region: string, birthDate: string, sequence: string): string {
  const first17 = `${region}${birthDate}${sequence}`;
  return first17 + checkCharacter(first17);
}
