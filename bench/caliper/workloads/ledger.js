// What every welfare workload shares: submitting as an org's client identity, and the
// programme and eligible citizens (as keyed pseudonyms) that payment rounds need.
'use strict';
const { createHash } = require('node:crypto');

const CONTRACT = 'welfare';

/** One transaction as Caliper sends it, signed by `mspId`'s User1 client identity. */
function request(mspId, contractFunction, args, readOnly = false) {
  return { contractId: CONTRACT, contractFunction, contractArguments: args, invokerMspId: mspId, invokerIdentity: 'User1', readOnly };
}

/** A pseudonym-shaped reference (64 hex), distinct per run, worker and index. */
function ref(runTag, i) {
  return createHash('sha256').update(`caliper-${runTag}-${i}`).digest('hex');
}

/** Month `i` counted from 1990-01: a distinct period per payment of the same citizen. */
function period(i) {
  return `${1990 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** Creates a programme and grants `subjects` citizens eligibility in it, as the civil-affairs org. */
async function programmeWithSubjects(sutAdapter, runTag, subjects) {
  const programmeId = `CALIPER_${runTag}`;
  await sutAdapter.sendRequests(request('CivilAffairsMSP', 'programme:CreateProgramme', [
    JSON.stringify({ id: programmeId, nameEn: 'caliper', nameZh: '基准', monthlyCapFen: 100000 }),
  ]));
  const grants = Array.from({ length: subjects }, (_, i) => request('CivilAffairsMSP', 'eligibility:Grant', [JSON.stringify({
    subjectRef: ref(runTag, i), programmeId, validFrom: '1990-01-01', validTo: null, districtCode: '310104',
    decisionRef: `CALIPER-${runTag}-${i}`, evidence: [], checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'caliper' }],
  })]));
  for (let i = 0; i < grants.length; i += 50) await sutAdapter.sendRequests(grants.slice(i, i + 50));
  return programmeId;
}

/** A tag unique to this round and worker, so re-runs on the same network never collide. */
function runTagOf(workerIndex, roundIndex) {
  return `${Date.now().toString(36).toUpperCase()}W${workerIndex}R${roundIndex}`;
}

module.exports = { request, ref, period, programmeWithSubjects, runTagOf };
