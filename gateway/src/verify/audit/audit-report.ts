/** What a whole-chain audit found, and how it is printed. */
import { short } from '../bytes';

export type FindingKind =
  | 'trust-anchor'
  | 'data-hash'
  | 'header-chain'
  | 'block-number'
  | 'orderer-signature'
  | 'config-chain'
  | 'endorsement'
  | 'undecodable'
  | 'divergence';

export interface Finding {
  kind: FindingKind;
  blockNumber: number;
  /** The org whose copy shows it; absent for a divergence (it names every org's view in `detail`). */
  org?: string;
  txId?: string;
  detail: string;
}

export interface AuditReport {
  ok: boolean;
  channelOrgs: Array<{ org: string; height: number }>;
  /** Blocks compared: 0..blocks-1 (the lowest height among the peers). */
  blocks: number;
  transactions: number;
  validTransactions: number;
  endorsementsVerified: number;
  seconds: number;
  /** Block 0 was checked against a trust anchor the auditor holds. */
  anchored: boolean;
  findings: Finding[];
}

export function formatAuditReport(report: AuditReport): string[] {
  const lines = [
    `audited blocks 0..${report.blocks - 1} from ${report.channelOrgs.map((o) => `${o.org} (height ${o.height})`).join(', ')}`,
    `${report.blocks} blocks, ${report.transactions} transactions (${report.validTransactions} VALID, ${report.endorsementsVerified} endorsement signatures re-verified) in ${report.seconds.toFixed(1)} s`,
  ];
  const heights = new Set(report.channelOrgs.map((o) => o.height));
  if (heights.size > 1) lines.push(`note: the peers are at different heights; blocks above ${report.blocks - 1} were not compared`);
  if (!report.anchored) lines.push('note: no trust file: block 0 was not checked against a genesis hash you hold (welfare-ledger trust init)');
  for (const f of report.findings) {
    lines.push(`FINDING ${f.kind} at block ${f.blockNumber}${f.org ? ` (${f.org})` : ''}${f.txId ? ` tx ${short(f.txId)}` : ''}: ${f.detail}`);
  }
  lines.push(report.ok ? 'no finding: every org delivered the same chain, every hash links, every block is signed by the orderers, every VALID transaction is properly endorsed' : `${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}`);
  return lines;
}
