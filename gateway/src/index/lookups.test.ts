import { accessEventsRoot, inclusionProof, accessEventLeaf, leafHash, verifyInclusion } from '@welfare-ledger/chaincode/lib';
import {
  accessBatch,
  accessEvent,
  accessEventsOfBatch,
  batch,
  death,
  eligibilityOf,
  line,
  overpayment,
  programme,
  programmes,
  system,
  systems,
  transaction,
} from './queries';
import { memoryIndex } from './testing/index-db';
import { A, B, cityScenario, DISABILITY, ELDERLY } from './testing/scenario';

describe('looking up single records', () => {
  const chain = cityScenario();
  const db = memoryIndex(chain.blocks);

  it('a batch comes with every line in submission order, each in its current state', () => {
    const found = batch(db, 'B-2024-07')!;
    expect(found.record.lineCount).toBe(4);
    expect(found.blockNumber).toBe(6);
    expect(found.lines.map((l) => [l.record.lineId, l.record.status, l.record.reasonCode])).toEqual([
      ['L5', 'RETURNED', null],
      ['L6', 'RETURNED', null],
      ['L7', 'REJECTED', 'INVALID_AMOUNT'],
      ['L8', 'REJECTED', 'AMOUNT_EXCEEDS_STANDARD'],
    ]);
    expect(found.lines.every((l) => l.txId === found.txId)).toBe(true);
    expect(batch(db, 'NO-SUCH-BATCH')).toBeNull();
  });

  it('a line shows what happened to it, each step with its transaction', () => {
    const returned = line(db, 'L6')!;
    expect(returned.events.map((e) => [e.action, e.blockNumber])).toEqual([
      ['POSTED', 6],
      ['RETURNED', 10],
    ]);
    expect(returned.events[1].txId).toBe(returned.record.settlement!.txId);
    expect(line(db, 'L404')).toBeNull();
  });

  it('an overpayment names the death that flagged it and the transaction that recovered it', () => {
    const recovered = overpayment(db, 'L6')!;
    expect(recovered.record.status).toBe('RECOVERED');
    expect(recovered.flaggedBlockNumber).toBe(7);
    expect(recovered.blockNumber).toBe(10);
    expect(recovered.txId).toBe(recovered.record.recovery!.txId);
    expect(death(db, B)!.txId).toBe(recovered.record.flaggedTxId);
  });

  it('an access event read from the index hashes into the Merkle root its batch anchored', () => {
    const anchored = accessBatch(db, 'AB-1')!;
    const events = accessEventsOfBatch(db, 'AB-1');
    expect(events.map((e) => [e.record.eventId, e.leafIndex])).toEqual([
      ['AE-1', 0],
      ['AE-2', 1],
      ['AE-3', 2],
    ]);
    expect(anchored.events).toEqual(events);
    expect(accessEventsRoot(events.map((e) => e.record))).toBe(anchored.record.root);

    const one = accessEvent(db, 'AE-3')!;
    expect(one).toMatchObject({ batchId: 'AB-1', leafIndex: 2, txId: anchored.txId, blockNumber: 8 });
    const leaves = events.map((e) => accessEventLeaf(e.record));
    const proof = inclusionProof(one.leafIndex, leaves);
    expect(verifyInclusion(leafHash(accessEventLeaf(one.record)), one.leafIndex, leaves.length, proof, Buffer.from(anchored.record.root, 'hex'))).toBe(true);
    expect(accessEvent(db, 'AE-404')).toBeNull();
  });

  it('programmes and systems are listed by id with the transaction that last wrote them', () => {
    expect(programmes(db).map((p) => p.record.id)).toEqual([DISABILITY, ELDERLY]);
    expect(programme(db, ELDERLY)!.record.monthlyCapFen).toBe(30_000);
    expect(systems(db).map((s) => [s.record.systemId, s.blockNumber])).toEqual([['audit-system', 1]]);
    expect(systems(db, { org: 'FinanceMSP' })).toEqual([]);
    expect(system(db, 'audit-system')!.txId).toBe(system(db, 'audit-system')!.record.txId);
  });

  it("a subject's current eligibility shows the latest change in each programme", () => {
    expect(eligibilityOf(db, A).map((e) => [e.record.programmeId, e.record.districtCode, e.record.lastAction])).toEqual([
      [DISABILITY, '310104', 'GRANT'],
      [ELDERLY, '310106', 'TRANSFER_DISTRICT'],
    ]);
    expect(eligibilityOf(db, B).map((e) => [e.record.status, e.record.reason])).toEqual([
      ['SUSPENDED', 'DECEASED'],
      ['SUSPENDED', 'DECEASED'],
    ]);
  });

  it('a transaction is found by its txId with its block and position', () => {
    const tx = chain.blocks[9].transactions[1];
    expect(transaction(db, tx.txId)).toEqual({ txId: tx.txId, blockNumber: 9, txIndex: 1 });
    expect(transaction(db, 'f'.repeat(64))).toBeNull();
  });
});
