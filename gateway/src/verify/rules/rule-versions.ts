/**
 * Which rules a decision ran under. A rule change is a chaincode upgrade: a new definition
 * committed through `_lifecycle`, approved by a majority of the orgs. Every chaincode invocation
 * reads the definition's sequence key, so the decision's read set names the `_lifecycle` commit
 * in effect; that commit's proven writes give the sequence and the version label
 * (`<package hash>+<rules version>`, set by scripts/deploy-chaincode.sh), and the rules version
 * picks the released rules the verifier re-runs. A definition naming rules this verifier does not
 * hold is refused, never run with other rules.
 */
import * as chaincodeLib from '@welfare-ledger/chaincode/lib';
import { peer } from '@hyperledger/fabric-protos';
import type { Write } from '../fabric/transaction';

export const LIFECYCLE_NAMESPACE = '_lifecycle';
/** The chaincode whose rules these are: a decision of another chaincode on the channel is not re-run with them. */
export const WELFARE_CHAINCODE = 'welfare';

/** The rule functions a released rules version consists of. */
export type PaymentRules = Pick<typeof chaincodeLib, 'checkLine' | 'lineRecord' | 'checkBatch' | 'batchLines' | 'batchRecord' | 'batchContentHash' | 'emptyPaidPeriod' | 'withPostedLine' | 'coversPeriod' | 'isAfterMonthOfDeath' | 'needsDeathRecord' | 'validAmount' | 'deathToRecord' | 'suspendForDeath' | 'linesPaidAfterDeath' | 'periodsAfterDeath' | 'overpaymentFor' | 'grant' | 'suspend' | 'reinstate' | 'revoke' | 'transferDistrict'>;

/**
 * Every released rules version. Today one: the rules this verifier is built with. When a rule
 * changes, its new version is added here and the old entry keeps pointing at the old rules
 * (kept as a released module), so older decisions are still re-run with the rules they ran under.
 */
export const RELEASED_RULES: ReadonlyMap<string, PaymentRules> = new Map([[chaincodeLib.RULES_VERSION, chaincodeLib]]);

export interface ChaincodeDefinition {
  name: string;
  sequence: number;
  /** The version label all approving orgs agreed on. */
  version: string;
  /** The package hash part of the label. */
  packageHash: string;
  /** The rules version part of the label (null when the label names none). */
  rulesVersion: string | null;
  endorsementPlugin: string;
}

export const sequenceKey = (chaincode: string) => `namespaces/fields/${chaincode}/Sequence`;
const endorsementInfoKey = (chaincode: string) => `namespaces/fields/${chaincode}/EndorsementInfo`;

/** The definition a `_lifecycle` commit wrote for `chaincode`, from its proven writes. */
export function definitionWritten(writes: Write[], chaincode: string): ChaincodeDefinition {
  const written = (key: string) => {
    const write = writes.find((w) => w.namespace === LIFECYCLE_NAMESPACE && w.key === key && !w.isDelete);
    if (!write) throw new Error(`the lifecycle transaction wrote no ${key}`);
    return peer.lifecycle.StateData.deserializeBinary(write.value);
  };
  const sequence = written(sequenceKey(chaincode)).getInt64();
  const info = peer.lifecycle.ChaincodeEndorsementInfo.deserializeBinary(written(endorsementInfoKey(chaincode)).getBytes_asU8());
  const version = info.getVersion();
  const [packageHash, rulesVersion] = version.split('+');
  return { name: chaincode, sequence, version, packageHash, rulesVersion: rulesVersion ?? null, endorsementPlugin: info.getEndorsementPlugin() };
}
