// The baseline: bench:PutValue writes one key, no reads, no rules, no event (BenchContract).
'use strict';
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');
const { request, runTagOf } = require('./ledger');

class PlainWrite extends WorkloadModuleBase {
  async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
    await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
    this.runTag = runTagOf(workerIndex, roundIndex);
    this.next = 0;
  }

  async submitTransaction() {
    const i = this.next++;
    return this.sutAdapter.sendRequests(request('FinanceMSP', 'bench:PutValue', [`caliper-${this.runTag}-${i}`, 'v']));
  }
}

module.exports.createWorkloadModule = () => new PlainWrite();
