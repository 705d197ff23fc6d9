// One payment line per transaction (disbursement:PostDisbursement), to eligible citizens,
// each payment in its own month so none is a duplicate.
'use strict';
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');
const { period, programmeWithSubjects, ref, request, runTagOf } = require('./ledger');

class SinglePayment extends WorkloadModuleBase {
  async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
    await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
    this.runTag = runTagOf(workerIndex, roundIndex);
    this.subjects = roundArguments.subjects ?? 50;
    this.programmeId = await programmeWithSubjects(sutAdapter, this.runTag, this.subjects);
    this.next = 0;
  }

  async submitTransaction() {
    const i = this.next++;
    return this.sutAdapter.sendRequests(request('FinanceMSP', 'disbursement:PostDisbursement', [JSON.stringify({
      lineId: `CALIPER-${this.runTag}-${i}`, programmeId: this.programmeId, period: period(Math.floor(i / this.subjects)),
      subjectRef: ref(this.runTag, i % this.subjects), amountFen: 10000, accountRef: ref(this.runTag, -1 - i), kind: 'REGULAR',
    })]));
  }
}

module.exports.createWorkloadModule = () => new SinglePayment();
