/** Domain fixtures for tests: pseudonyms, programmes, eligibility grants, lines. */
import { createHash } from 'node:crypto';

/** A stand-in for HMAC-SHA256(key, id): 64 lowercase hex, distinct per name. */
export function pseudonym(name: string): string {
  return createHash('sha256').update(`test:${name}`).digest('hex');
}

export const MINIMUM_LIVING = {
  id: 'MINIMUM_LIVING',
  nameEn: 'Minimum living guarantee',
  nameZh: '最低生活保障',
  monthlyCapFen: 150_000,
};

export const DISABILITY_LIVING = {
  id: 'DISABILITY_LIVING',
  nameEn: 'Disability living subsidy',
  nameZh: '困难残疾人生活补贴',
  monthlyCapFen: 20_000,
};

export function grantFor(subjectRef: string, programmeId = 'MINIMUM_LIVING', extra: Record<string, unknown> = {}) {
  return {
    subjectRef,
    programmeId,
    validFrom: '2024-01-01',
    validTo: null,
    districtCode: '310104',
    decisionRef: '徐民救〔2024〕12号',
    evidence: [{ kind: 'DECISION_LETTER', sha256: pseudonym('letter') }],
    checks: [
      { check: 'IDENTITY', result: 'PASS', sourceSystem: 'public-security-population' },
      { check: 'ECONOMIC_STATUS', result: 'PASS', sourceSystem: 'economic-status-check' },
    ],
    ...extra,
  };
}

export function lineFor(lineId: string, subjectRef: string, extra: Record<string, unknown> = {}) {
  return {
    lineId,
    programmeId: 'MINIMUM_LIVING',
    period: '2024-06',
    subjectRef,
    amountFen: 120_000,
    accountRef: pseudonym(`account:${subjectRef}`),
    kind: 'REGULAR',
    ...extra,
  };
}

export const json = (value: unknown): string => JSON.stringify(value);
