/**
 * Test helper: a synthetic chain of welfare transactions built from the shared record types,
 * cut into blocks the way the index reads them. It records what the chaincode would announce;
 * it does not re-check the ledger's rules.
 */
import {
  accessEventsRoot,
  periodOf,
  recordKey,
  sha256Hex,
  type AccessBatch,
  type AccessEvent,
  type AccessPurpose,
  type Death,
  type DisbursementBatch,
  type DisbursementLine,
  type Eligibility,
  type EligibilityAction,
  type LineKind,
  type LedgerChange,
  type LineRejectionCode,
  type Overpayment,
  type Programme,
  type RecordByKind,
  type RecordKind,
  type SettlementOutcome,
  type SystemRecord,
  type SystemRole,
} from '@welfare-ledger/chaincode/lib';
import type { ChainBlock, ChainTransaction } from '../chain-events';

export const subject = (name: string): string => sha256Hex(`subject:${name}`);

export interface LineInput {
  lineId: string;
  subjectRef: string;
  amountFen: number | null;
  kind?: LineKind;
  reject?: LineRejectionCode;
}

export interface AccessInput {
  eventId: string;
  subjectRef: string;
  accessorSystemId?: string;
  purpose?: AccessPurpose;
}

type Stamp = { txId: string; now: string };

export class SyntheticChain {
  readonly blocks: ChainBlock[] = [{ blockNumber: 0, transactions: [] }];
  private pending: Omit<ChainTransaction, 'txIndex'>[] = [];
  private txCount = 0;
  private readonly eligibility = new Map<string, Eligibility>();
  private readonly lines = new Map<string, DisbursementLine>();
  private readonly overpayments = new Map<string, Overpayment>();

  /** Closes the open block (possibly empty) and returns it. */
  cutBlock(): ChainBlock {
    const block = { blockNumber: this.blocks.length, transactions: this.pending.map((tx, txIndex) => ({ ...tx, txIndex })) };
    this.blocks.push(block);
    this.pending = [];
    return block;
  }

  /** A VALID transaction that announced nothing (a retry, a bench write). */
  silentTransaction(): string {
    const { txId } = this.stamp();
    this.pending.push({ txId, event: null });
    return txId;
  }

  programme(id: string, monthlyCapFen: number): Programme {
    const { txId, now } = this.stamp();
    const programme: Programme = { id, nameEn: `${id} (en)`, nameZh: `${id} (zh)`, monthlyCapFen, ownerMsp: 'CivilAffairsMSP', createdAt: now, updatedAt: now, txId };
    this.announce(txId, [change('Programme', programme)]);
    return programme;
  }

  system(systemId: string, org: string, roles: SystemRole[]): SystemRecord {
    const { txId, now } = this.stamp();
    const system: SystemRecord = { systemId, name: systemId, org, roles, status: 'ACTIVE', certFingerprint: null, registeredAt: now, updatedAt: now, updatedBy: 'CN=admin', txId };
    this.announce(txId, [change('SystemRecord', system)]);
    return system;
  }

  grant(subjectRef: string, programmeId: string, districtCode: string): Eligibility {
    const { txId, now } = this.stamp();
    const eligibility: Eligibility = {
      subjectRef,
      programmeId,
      status: 'ACTIVE',
      validFrom: '2024-01-01',
      validTo: null,
      districtCode,
      decisionRef: `DEC-${programmeId}-${this.txCount}`,
      evidence: [{ kind: 'DECISION_LETTER', sha256: sha256Hex(`letter ${this.txCount}`) }],
      checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'civil-affairs-system' }],
      reason: null,
      lastAction: 'GRANT',
      grantedAt: now,
      updatedAt: now,
      updatedByMsp: 'CivilAffairsMSP',
      txId,
    };
    this.eligibility.set(`${subjectRef}:${programmeId}`, eligibility);
    this.announce(txId, [change('Eligibility', eligibility)]);
    return eligibility;
  }

  suspend(subjectRef: string, programmeId: string, reason: string): Eligibility {
    return this.changeEligibility(subjectRef, programmeId, 'SUSPEND', { status: 'SUSPENDED', reason });
  }

  transferDistrict(subjectRef: string, programmeId: string, districtCode: string): Eligibility {
    return this.changeEligibility(subjectRef, programmeId, 'TRANSFER_DISTRICT', { districtCode });
  }

  batch(batchId: string, programmeId: string, period: string, inputs: LineInput[]): DisbursementBatch {
    const { txId, now } = this.stamp();
    const lines = inputs.map((input) => this.newLine(input, batchId, programmeId, period, { txId, now }));
    const posted = lines.filter((l) => l.status === 'POSTED');
    const rejected = lines.filter((l) => l.status === 'REJECTED');
    const rejectionsByReason: Partial<Record<LineRejectionCode, number>> = {};
    for (const line of rejected) rejectionsByReason[line.reasonCode!] = (rejectionsByReason[line.reasonCode!] ?? 0) + 1;
    const batch: DisbursementBatch = {
      batchId,
      programmeId,
      period,
      contentHash: sha256Hex(batchId),
      lineCount: lines.length,
      postedCount: posted.length,
      rejectedCount: rejected.length,
      postedTotalFen: posted.reduce((sum, l) => sum + (l.amountFen ?? 0), 0),
      rejectedTotalFen: rejected.reduce((sum, l) => sum + (l.amountFen && l.amountFen > 0 ? l.amountFen : 0), 0),
      rejectionsByReason,
      results: lines.map((l) => ({ lineId: l.lineId, status: l.status as 'POSTED' | 'REJECTED', reasonCode: l.reasonCode })),
      postedAt: now,
      postedByMsp: 'FinanceMSP',
      txId,
    };
    this.announce(txId, [change('DisbursementBatch', batch), ...lines.map((l) => change('DisbursementLine', l))]);
    return batch;
  }

  settle(lineId: string, outcome: SettlementOutcome): DisbursementLine {
    const { txId, now } = this.stamp();
    const line: DisbursementLine = {
      ...this.lines.get(lineId)!,
      status: outcome,
      settlement: { outcome, bankRef: `BANK-${lineId}`, date: now.slice(0, 10), recordedAt: now, txId },
    };
    this.lines.set(lineId, line);
    const changes: LedgerChange[] = [change('DisbursementLine', line)];
    const open = this.overpayments.get(lineId);
    if (outcome === 'RETURNED' && open?.status === 'OPEN') changes.push(change('Overpayment', this.recovered(open, `RETURN-${lineId}`, { txId, now })));
    this.announce(txId, changes);
    return line;
  }

  /** Records a death: suspends ACTIVE eligibility and flags lines paid for periods after the month of death. */
  death(subjectRef: string, dateOfDeath: string): Death {
    const { txId, now } = this.stamp();
    const death: Death = { subjectRef, dateOfDeath, source: 'CIVIL_REGISTRY', recordedAt: now, recordedByMsp: 'CivilAffairsMSP', txId };
    const changes: LedgerChange[] = [change('Death', death)];
    for (const [key, current] of this.eligibility) {
      if (current.subjectRef !== subjectRef || current.status !== 'ACTIVE') continue;
      const suspended: Eligibility = { ...current, status: 'SUSPENDED', reason: 'DECEASED', lastAction: 'SUSPEND', updatedAt: now, txId };
      this.eligibility.set(key, suspended);
      changes.push(change('Eligibility', suspended));
    }
    for (const line of this.lines.values()) {
      if (line.subjectRef !== subjectRef || !['POSTED', 'SETTLED'].includes(line.status) || line.period <= periodOf(dateOfDeath)) continue;
      const overpayment: Overpayment = {
        lineId: line.lineId,
        subjectRef,
        programmeId: line.programmeId,
        period: line.period,
        amountFen: line.amountFen!,
        reason: 'DECEASED',
        dateOfDeath,
        status: 'OPEN',
        flaggedAt: now,
        flaggedTxId: txId,
        recovery: null,
      };
      this.overpayments.set(line.lineId, overpayment);
      changes.push(change('Overpayment', overpayment));
    }
    this.announce(txId, changes);
    return death;
  }

  recover(lineId: string, recoveryRef: string): Overpayment {
    const stamp = this.stamp();
    const overpayment = this.recovered(this.overpayments.get(lineId)!, recoveryRef, stamp);
    this.announce(stamp.txId, [change('Overpayment', overpayment)]);
    return overpayment;
  }

  /** Anchors access events; returns the anchor and the events as hashed into its leaves. */
  anchorAccess(batchId: string, inputs: AccessInput[]): { anchor: AccessBatch; events: AccessEvent[] } {
    const { txId, now } = this.stamp();
    const events: AccessEvent[] = inputs.map((input, i) => ({
      eventId: input.eventId,
      accessorSystemId: input.accessorSystemId ?? 'audit-system',
      subjectRef: input.subjectRef,
      datasetCode: 'WL.ELIGIBILITY',
      fields: ['status', 'districtCode'],
      purpose: input.purpose ?? 'AUDIT',
      legalBasis: 'welfare audit regulation',
      accessedAt: new Date(Date.parse(now) - 1000 + i).toISOString(),
      resultCount: 1,
    }));
    const anchor: AccessBatch = {
      batchId,
      root: accessEventsRoot(events),
      count: events.length,
      firstAccessedAt: events[0].accessedAt,
      lastAccessedAt: events[events.length - 1].accessedAt,
      anchoredBy: 'AuditMSP',
      anchoredAt: now,
      txId,
    };
    const eventChanges = events.map((event, leafIndex) => change('AccessEvent', { ...event, batchId, leafIndex }));
    this.announce(txId, [change('AccessBatch', anchor), ...eventChanges]);
    return { anchor, events };
  }

  private changeEligibility(subjectRef: string, programmeId: string, action: EligibilityAction, fields: Partial<Eligibility>): Eligibility {
    const { txId, now } = this.stamp();
    const key = `${subjectRef}:${programmeId}`;
    const eligibility: Eligibility = { ...this.eligibility.get(key)!, ...fields, lastAction: action, updatedAt: now, txId };
    this.eligibility.set(key, eligibility);
    this.announce(txId, [change('Eligibility', eligibility)]);
    return eligibility;
  }

  private newLine(input: LineInput, batchId: string, programmeId: string, period: string, stamp: Stamp): DisbursementLine {
    const line: DisbursementLine = {
      lineId: input.lineId,
      batchId,
      programmeId,
      period,
      subjectRef: input.subjectRef,
      amountFen: input.amountFen,
      accountRef: sha256Hex(`account:${input.subjectRef}`),
      kind: input.kind ?? 'REGULAR',
      status: input.reject ? 'REJECTED' : 'POSTED',
      reasonCode: input.reject ?? null,
      postedAt: stamp.now,
      postedByMsp: 'FinanceMSP',
      txId: stamp.txId,
      settlement: null,
    };
    this.lines.set(line.lineId, line);
    return line;
  }

  private recovered(overpayment: Overpayment, ref: string, stamp: Stamp): Overpayment {
    const recovered: Overpayment = { ...overpayment, status: 'RECOVERED', recovery: { ref, date: stamp.now.slice(0, 10), recordedAt: stamp.now, txId: stamp.txId } };
    this.overpayments.set(overpayment.lineId, recovered);
    return recovered;
  }

  private announce(txId: string, changes: LedgerChange[]): void {
    this.pending.push({ txId, event: { txId, changes } });
  }

  private stamp(): Stamp {
    this.txCount += 1;
    return { txId: sha256Hex(`tx:${this.txCount}`), now: new Date(Date.UTC(2024, 5, 1) + this.txCount * 60_000).toISOString() };
  }
}

function change<K extends RecordKind>(kind: K, record: RecordByKind[K]): LedgerChange {
  return { kind, key: recordKey(kind, record), record } as LedgerChange;
}
