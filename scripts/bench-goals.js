// The goals of issue 11 for each figure `npm run bench` measures, and the table that sets each
// measured figure beside its goal and beside the plain write measured in the same run.
'use strict';

const MIB_PER_GIB = 1024;

/**
 * One row per figure: how to read it from the run's results, its unit, and the goal (a minimum,
 * or a maximum for latencies and memory). A figure the run did not measure shows as "not measured".
 */
const GOALS = [
  { figure: 'plain one-key write (baseline)', unit: 'tx/s', value: (r) => r.plainWrite?.tps, goal: null },
  { figure: 'single disbursement', unit: 'tx/s', value: (r) => r.singleDisbursement?.tps, goalVsPlain: 0.95 },
  { figure: "single disbursement, system's own certificate", unit: 'tx/s', value: (r) => r.singleDisbursementOwnCert?.tps, goalVsPlain: 0.95 },
  { figure: 'batched payment lines', unit: 'lines/s', value: (r) => r.batchOf500?.linesPerSecond, goal: 10000 },
  { figure: 'batch of 500 lines, p99', unit: 'ms', value: (r) => r.batchOf500?.p99Ms, goal: 2000, atMost: true },
  { figure: 'access events, arrays', unit: 'events/s', value: (r) => r.accessEventArrays?.eventsPerSecond, goal: 10000 },
  { figure: 'access events over HTTP, one per request', unit: 'events/s', value: (r) => r.accessEventsHttp?.eventsPerSecond, goal: 2000 },
  { figure: 'access events over HTTP, p99', unit: 'ms', value: (r) => r.accessEventsHttp?.p99Ms, goal: 1000, atMost: true },
  { figure: 'proof bundles verified offline', unit: 'bundles/s', value: (r, p) => p?.bundlesPerSecond, goal: 2000 },
  { figure: 'proof bundles verified, verify many (workers)', unit: 'bundles/s', value: (r, p) => p?.verifyMany?.bundlesPerSecond, goal: 2000 },
  { figure: 'proof bundles built over HTTP', unit: 'bundles/s', value: (r, p) => p?.bundlesFetchedPerSecond, goal: 500 },
  { figure: 'whole-chain audit', unit: 'tx/s', value: (r, p) => p?.auditTxPerSecond, goal: 5000 },
  { figure: 'resident memory, whole stack', unit: 'MiB', value: (r) => r.stackRssMiB, goal: 2.5 * MIB_PER_GIB, atMost: true, noRatio: true },
];

/** Each figure with its goal, whether it is met, and its ratio to the plain write of the same run. */
function goalRows(results, proofs) {
  const plain = results.plainWrite?.tps;
  return GOALS.map(({ figure, unit, value, goal, goalVsPlain, atMost, noRatio }) => {
    const measured = value(results, proofs);
    const target = goalVsPlain !== undefined && plain ? goalVsPlain * plain : goal;
    const known = typeof measured === 'number' && Number.isFinite(measured);
    const met = !known || target === null ? null : atMost ? measured <= target : measured >= target;
    const ratio = known && plain && unit !== 'ms' && !noRatio ? measured / plain : null;
    return {
      figure,
      unit,
      measured: known ? measured : null,
      goal: goalVsPlain !== undefined ? `≥ ${goalVsPlain}× plain write` : target === null ? '(reference)' : `${atMost ? '≤' : '≥'} ${target} ${unit}`,
      met,
      vsPlainWrite: ratio,
    };
  });
}

/** The rows as console.table prints them: rounded, with "not measured" and "—" where there is no figure. */
function printableGoalRows(rows) {
  return rows.map((row) => ({
    figure: row.figure,
    measured: row.measured === null ? 'not measured' : `${row.measured.toFixed(row.measured < 100 ? 1 : 0)} ${row.unit}`,
    goal: row.goal,
    met: row.met === null ? '—' : row.met ? 'yes' : 'NO',
    'vs plain write': row.vsPlainWrite === null ? '—' : `${row.vsPlainWrite.toFixed(2)}×`,
  }));
}

module.exports = { GOALS, goalRows, printableGoalRows };
