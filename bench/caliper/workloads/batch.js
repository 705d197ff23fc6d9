// A monthly batch per transaction (disbursement:PostBatch): `linesPerBatch` eligible citizens
// paid for one month, every line checked by the chaincode's rules.
'use strict';
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');
const { period, programmeWithSubjects, ref, request, runTagOf } = require('./ledger');

class Batch extends WorkloadModuleBase {
  async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
    await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
    this.runTag = runTagOf(workerIndex, roundIndex);
    this.linesPerBatch = roundArguments.linesPerBatch ?? 500;
    this.programmeId = await programmeWithSubjects(sutAdapter, this.runTag, this.linesPerBatch);
    this.next = 0;
  }

  async submitTransaction() {
    const b = this.next++;
    const lines = Array.from({ length: this.linesPerBatch }, (_, i) => ({
      lineId: `CALIPER-${this.runTag}-B${b}-${i}`, subjectRef: ref(this.runTag, i), amountFen: 10000,
      accountRef: ref(this.runTag, -1 - i), kind: 'REGULAR',
    }));
    return this.sutAdapter.sendRequests(request('FinanceMSP', 'disbursement:PostBatch', [JSON.stringify({
      batchId: `CALIPER-${this.runTag}-B${b}`, programmeId: this.programmeId, period: period(b), lines,
    })]));
  }
}

module.exports.createWorkloadModule = () => new Batch();
