// The month-end that `npm run bench:scale` posts: programmes, synthetic citizens spread over
// districts, their eligibility grants, the payment batches and the access events that go with them.
// Deterministic from the line count: batch b, line i always names the same citizen and amount.
'use strict';
const { makeResidentId } = require('../../gateway/dist/privacy/resident-id');

const PERIOD = '2026-11';

const PROGRAMMES = [
  { id: 'DISABILITY_LIVING', nameEn: 'Living subsidy for people with disabilities in need', nameZh: '困难残疾人生活补贴', monthlyCapFen: 15000, amountFen: 12000 },
  { id: 'DISABILITY_NURSING', nameEn: 'Nursing subsidy for people with severe disabilities', nameZh: '重度残疾人护理补贴', monthlyCapFen: 15000, amountFen: 15000 },
  { id: 'ELDERLY_ALLOWANCE', nameEn: 'Elderly service allowance', nameZh: '高龄津贴', monthlyCapFen: 50000, amountFen: 30000 },
  { id: 'MINIMUM_LIVING', nameEn: 'Minimum living guarantee', nameZh: '最低生活保障', monthlyCapFen: 130000, amountFen: 112000 },
];

const DISTRICTS = ['310101', '310104', '310105', '310106', '310107', '310110'];

/** One line in a hundred is for a citizen without a grant: recorded REJECTED NOT_ELIGIBLE, as a real month-end has some. */
const UNGRANTED_EVERY = 100;

/** The busy beneficiary's lines: a small SUPPLEMENT in every batch, and its REGULAR line in each programme's first batch. */
const BUSY_SUPPLEMENT_FEN = 100;
const BUSY_REGULAR_FEN = 5000;

const DAY_MS = 86_400_000;
const BIRTH_BASE = Date.UTC(1930, 0, 1);

/** Citizen `s` (0, 1, 2...): a valid resident ID, unique for s below 6 × 1,000 × 25,000. */
function citizenId(s) {
  const district = DISTRICTS[s % DISTRICTS.length];
  const t = Math.floor(s / DISTRICTS.length);
  const birth = new Date(BIRTH_BASE + Math.floor(t / 1000) * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '');
  return makeResidentId(district, birth, String(t % 1000).padStart(3, '0'));
}

/** The busy beneficiary: born the day before every other citizen, so no other s gives this ID. */
const BUSY = { citizenId: makeResidentId('310101', '19291231', '001'), district: '310101' };

const bankAccount = (s) => `6222${String(s + 1).padStart(12, '0')}`;

/** The month-end of `lines` ordinary payment lines in batches of `batchLines`, round robin over the programmes. */
function monthEnd({ lines, batchLines, tag }) {
  const batches = Math.ceil(lines / batchLines);
  const programmeOf = (b) => PROGRAMMES[b % PROGRAMMES.length];

  /** The citizen of ordinary line i of batch b: a different one for every line of the month-end. */
  function citizenOf(b, i) {
    const p = b % PROGRAMMES.length;
    const ordinal = Math.floor(b / PROGRAMMES.length) * batchLines + i;
    return { s: ordinal * PROGRAMMES.length + p, granted: ordinal % UNGRANTED_EVERY !== UNGRANTED_EVERY - 1 };
  }

  const ordinaryInBatch = (b) => Math.min(batchLines, lines - b * batchLines);

  function batch(b) {
    const programme = programmeOf(b);
    const first = b < PROGRAMMES.length;
    const busyLines = [
      { lineId: `SCALE-${tag}-B${b}-BUSY-S`, citizenId: BUSY.citizenId, amountFen: BUSY_SUPPLEMENT_FEN, bankAccount: bankAccount(-1), kind: 'SUPPLEMENT' },
      ...(first ? [{ lineId: `SCALE-${tag}-B${b}-BUSY-R`, citizenId: BUSY.citizenId, amountFen: BUSY_REGULAR_FEN, bankAccount: bankAccount(-1), kind: 'REGULAR' }] : []),
    ];
    const ordinary = Array.from({ length: ordinaryInBatch(b) }, (_, i) => {
      const { s } = citizenOf(b, i);
      return { lineId: `SCALE-${tag}-B${b}-${i}`, citizenId: citizenId(s), amountFen: programme.amountFen, bankAccount: bankAccount(s), kind: 'REGULAR' };
    });
    return { batchId: `SCALE-${tag}-B${b}`, programmeId: programme.id, period: PERIOD, lines: [...busyLines, ...ordinary] };
  }

  /**
   * The rejections batch b must answer, by reason code: the citizens without a grant, and the busy
   * beneficiary's SUPPLEMENT once the programme's monthly standard is used up (its REGULAR and the
   * 100-fen supplements of the programme's earlier batches reach it after a hundred-odd batches).
   */
  function expectedRejections(b) {
    const ungranted = range(ordinaryInBatch(b)).filter((i) => !citizenOf(b, i).granted).length;
    const earlierOfProgramme = Math.floor(b / PROGRAMMES.length);
    const supplementsWithinStandard = Math.floor((programmeOf(b).monthlyCapFen - BUSY_REGULAR_FEN) / BUSY_SUPPLEMENT_FEN);
    const overStandard = earlierOfProgramme >= supplementsWithinStandard ? 1 : 0;
    return { ...(ungranted > 0 ? { NOT_ELIGIBLE: ungranted } : {}), ...(overStandard > 0 ? { AMOUNT_EXCEEDS_STANDARD: overStandard } : {}) };
  }

  /** Every grant the month-end needs (the busy beneficiary in every programme first), in batch order. */
  function* grants() {
    for (const programme of PROGRAMMES) yield grant(BUSY.citizenId, BUSY.district, programme.id, `SCALE-${tag}-BUSY-${programme.id}`);
    for (let b = 0; b < batches; b++) {
      for (let i = 0; i < ordinaryInBatch(b); i++) {
        const { s, granted } = citizenOf(b, i);
        if (granted) yield grant(citizenId(s), DISTRICTS[s % DISTRICTS.length], programmeOf(b).id, `SCALE-${tag}-G${s}`);
      }
    }
  }

  /**
   * Access events `from` to `to` (exclusive) of step `step`, about citizens of batches below
   * `paidBatches`; one in a hundred about the busy beneficiary (a case under review is read often).
   */
  function accessEvents(step, from, to, paidBatches) {
    const purposes = ['DISBURSEMENT_VERIFICATION', 'ELIGIBILITY_REVIEW', 'CASE_HANDLING', 'STATISTICS'];
    const accessedAt = new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return range(to - from).map((k) => {
      const i = from + k;
      const n = step * 1_000_003 + i;
      const b = n % paidBatches;
      const subject = i % 100 === 0 ? BUSY.citizenId : citizenId(citizenOf(b, (n * 7919) % ordinaryInBatch(b)).s);
      return {
        eventId: `SCALE-${tag}-E${step}-${i}`, citizenId: subject, datasetCode: 'JM.T01', fields: ['name', 'disabilityLevel'],
        purpose: purposes[i % purposes.length], legalBasis: 'scale bench', accessedAt, resultCount: 1,
      };
    });
  }

  return { batches, batch, grants, expectedRejections, accessEvents, busyCitizenId: BUSY.citizenId };
}

const range = (n) => Array.from({ length: n }, (_, i) => i);

function grant(citizenId, districtCode, programmeId, decisionRef) {
  return {
    citizenId, programmeId, validFrom: '2026-01-01', districtCode, decisionRef,
    checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'scale-bench' }],
  };
}

module.exports = { PROGRAMMES, DISTRICTS, PERIOD, monthEnd };
