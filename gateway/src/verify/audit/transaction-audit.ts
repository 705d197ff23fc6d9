/**
 * Re-verifies one VALID endorser transaction as the audit does: how its parts bind (txId
 * derivation, proposal hash, one creator: no crosslinking), the creator's signature, every
 * endorsement signature, every signer's certificate chain to its MSP (and CRLs), and the
 * endorsement policies of what it wrote. Returns what is wrong, or null.
 */
import { integrityProblem } from '../checks/transaction';
import type { ChannelConfig } from '../fabric/channel-config';
import { examineCreator, examineEndorsements, verifiedSigners } from '../fabric/endorsements';
import { evaluatePolicy } from '../fabric/policy';
import { requiredPolicies } from '../fabric/required-policies';
import type { DecodedTransaction } from '../fabric/transaction';

export interface TransactionAudit {
  endorsements: number;
  problem: string | null;
}

export function auditTransaction(tx: DecodedTransaction, config: ChannelConfig, chaincodePolicy: string): TransactionAudit {
  const integrity = integrityProblem(tx);
  if (integrity) return { endorsements: 0, problem: integrity };
  const creator = examineCreator(tx, config);
  if (!creator.signatureOk) return { endorsements: 0, problem: `the creator's signature does not verify` };
  if (!creator.membership.ok) return { endorsements: 0, problem: `creator: ${creator.membership.reason}` };
  let endorsements = 0;
  for (const action of tx.actions) {
    const examined = examineEndorsements(action, config, tx.timestamp);
    endorsements += examined.length;
    const badSignature = examined.find((e) => !e.signatureOk);
    if (badSignature) return { endorsements, problem: `the endorsement signature of ${badSignature.identity.mspId} does not verify` };
    for (const { membership } of examined) {
      if (!membership.ok) return { endorsements, problem: `endorser: ${membership.reason}` };
    }
    const signers = verifiedSigners(examined);
    for (const path of requiredPolicies(action, config, chaincodePolicy)) {
      const outcome = evaluatePolicy(path, config, signers);
      if (!outcome.satisfied) return { endorsements, problem: `${path} (${outcome.description}) is not satisfied by ${outcome.satisfiedBy.join(', ') || 'any org'}` };
    }
  }
  return { endorsements, problem: null };
}
