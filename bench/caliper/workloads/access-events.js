// Access events anchored as the gateway anchors them: `eventsPerBatch` events per
// access:AnchorAccessBatch transaction under their RFC 6962 Merkle root, by the audit org for its
// registered system audit-system (registered when the gateway first starts).
'use strict';
const path = require('node:path');
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');
const { ref, request, runTagOf } = require('./ledger');

// The project's own Merkle code (npm run build), so the root is the one the chaincode recomputes.
const { accessEventsRoot } = require(path.join(__dirname, '..', '..', '..', 'chaincode', 'dist', 'lib'));

class AccessEvents extends WorkloadModuleBase {
  async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
    await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
    this.runTag = runTagOf(workerIndex, roundIndex);
    this.eventsPerBatch = roundArguments.eventsPerBatch ?? 100;
    this.next = 0;
  }

  async submitTransaction() {
    const b = this.next++;
    const events = Array.from({ length: this.eventsPerBatch }, (_, i) => ({
      eventId: `CALIPER-${this.runTag}-${b}-${i}`, accessorSystemId: 'audit-system', subjectRef: ref(this.runTag, i % 1000),
      datasetCode: 'JM.T01', fields: ['name', 'disabilityLevel'], purpose: 'DISBURSEMENT_VERIFICATION',
      legalBasis: 'caliper', accessedAt: '2026-11-01T00:00:00Z', resultCount: 1,
    }));
    return this.sutAdapter.sendRequests(request('AuditMSP', 'access:AnchorAccessBatch', [JSON.stringify({
      batchId: `CALIPER-${this.runTag}-${b}`, events, merkleRoot: accessEventsRoot(events),
    })]));
  }
}

module.exports.createWorkloadModule = () => new AccessEvents();
