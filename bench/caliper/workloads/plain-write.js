// The baseline: bench:PutValue writes one key, no reads, no rules, no event (the welfare-bench
// chaincode of bench/plain-write, deployed only on bench networks).
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
    const plainWrite = { ...request('FinanceMSP', 'bench:PutValue', [`caliper-${this.runTag}-${i}`, 'v']), contractId: 'welfare-bench' };
    return this.sutAdapter.sendRequests(plainWrite);
  }
}

module.exports.createWorkloadModule = () => new PlainWrite();
