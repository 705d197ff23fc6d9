import { readCheckpoint, resumeBlock } from './checkpoint';
import { accessEvent } from './lookups';
import { line, transaction } from './queries';
import { dumpIndex, memoryIndex } from './testing/index-db';
import { A, cityScenario } from './testing/scenario';
import { SyntheticChain } from './testing/synthetic-chain';
import { applyBlock, applyEvent } from './writer';

describe('writing the chain into the index', () => {
  it('reading the same blocks twice leaves every row as it was', () => {
    const { blocks } = cityScenario();
    const db = memoryIndex(blocks);
    const once = dumpIndex(db);
    for (const block of blocks) expect(applyBlock(db, block)).toBe(0);
    expect(dumpIndex(db)).toEqual(once);
  });

  it('an event at or before the checkpoint is skipped, one after it is applied', () => {
    const { blocks } = cityScenario();
    const db = memoryIndex(blocks.slice(0, 4));
    const applied = blocks[3].transactions[0];
    expect(applyEvent(db, { blockNumber: 3, txId: applied.txId, event: applied.event! })).toBe(false);
    const next = blocks[4].transactions[0];
    expect(applyEvent(db, { blockNumber: 4, txId: next.txId, txIndex: 0, event: next.event! })).toBe(true);
    expect(applyEvent(db, { blockNumber: 4, txId: next.txId, txIndex: 0, event: next.event! })).toBe(false);
    expect(readCheckpoint(db)).toEqual({ blockNumber: 4, txId: next.txId, blockComplete: false });
  });

  it('a transaction that fails half-way writes neither its rows nor the checkpoint', () => {
    const chain = new SyntheticChain();
    const programme = chain.programme('ELDERLY_ALLOWANCE', 30_000);
    const eligibility = chain.grant(A, 'ELDERLY_ALLOWANCE', '310104');
    const db = memoryIndex();
    const empty = dumpIndex(db);
    const event = {
      txId: eligibility.txId,
      changes: [
        { kind: 'Programme' as const, key: programme.id, record: programme },
        { kind: 'Eligibility' as const, key: `${A}:ELDERLY_ALLOWANCE`, record: { ...eligibility, districtCode: null as unknown as string } },
      ],
    };
    expect(() => applyEvent(db, { blockNumber: 1, txId: eligibility.txId, event })).toThrow(/NOT NULL/);
    expect(dumpIndex(db)).toEqual(empty);
    expect(readCheckpoint(db)).toBeNull();
  });

  it('a half-applied block is read again from its start and only its remaining transactions are applied', () => {
    const { blocks } = cityScenario();
    const db = memoryIndex(blocks.slice(0, 2));
    const first = blocks[2].transactions[0];
    applyEvent(db, { blockNumber: 2, txId: first.txId, txIndex: first.txIndex, event: first.event! });
    expect(resumeBlock(readCheckpoint(db))).toBe(2);
    expect(applyBlock(db, blocks[2])).toBe(blocks[2].transactions.length - 1);
    expect(resumeBlock(readCheckpoint(db))).toBe(3);
    const whole = memoryIndex(blocks.slice(0, 3));
    expect(dumpIndex(db)).toEqual(dumpIndex(whole));
  });

  it('a block with nothing to index still moves the checkpoint past it', () => {
    const { blocks } = cityScenario();
    const db = memoryIndex(blocks.slice(0, 6));
    expect(blocks[5].transactions).toHaveLength(0);
    expect(readCheckpoint(db)).toMatchObject({ blockNumber: 5, blockComplete: true });
  });

  it('a transaction that announced nothing is still known by its txId', () => {
    const { blocks } = cityScenario();
    const db = memoryIndex(blocks);
    const silent = blocks[8].transactions.find((tx) => tx.event === null)!;
    expect(transaction(db, silent.txId)).toEqual({ txId: silent.txId, blockNumber: 8, txIndex: silent.txIndex });
  });

  it('settling a line keeps its posting transaction and the district it was paid in', () => {
    const { blocks } = cityScenario();
    const db = memoryIndex(blocks);
    const settled = line(db, 'L1')!;
    expect(settled.record.status).toBe('SETTLED');
    expect(settled.txId).toBe(blocks[3].transactions[0].txId);
    expect(settled.blockNumber).toBe(3);
    expect(settled.districtCode).toBe('310104');
    expect(settled.settlementBlockNumber).toBe(4);
    expect(settled.events.map((e) => [e.action, e.blockNumber])).toEqual([
      ['POSTED', 3],
      ['SETTLED', 4],
    ]);
  });

  it('an eventId anchored again later (by another system) never replaces the first event', () => {
    const chain = new SyntheticChain();
    chain.anchorAccess('AB-1', [{ eventId: 'EV-1', subjectRef: A, accessorSystemId: 'audit-system' }]);
    chain.cutBlock();
    chain.anchorAccess('AB-2', [{ eventId: 'EV-1', subjectRef: A, accessorSystemId: 'finance-system', purpose: 'CASE_HANDLING' }]);
    chain.cutBlock();
    const db = memoryIndex(chain.blocks);
    expect(accessEvent(db, 'EV-1')).toMatchObject({ batchId: 'AB-1', record: { accessorSystemId: 'audit-system', purpose: 'AUDIT' } });
  });
});

