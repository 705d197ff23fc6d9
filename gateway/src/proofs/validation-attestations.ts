/**
 * Every org's peer's signed word on a transaction's validation code (see peer-attestation.ts).
 * A peer that has not committed the block yet is asked again briefly; a peer that cannot
 * answer is left out — the verifier needs a majority of the orgs, not all of them.
 */
import { base64 } from '../verify/bytes';
import type { ProofBundle } from '../verify/bundle';
import type { ChainQueries } from './chain-queries';

const ATTEMPTS = 10;
const RETRY_MS = 200;

export async function validationAttestations(queries: ChainQueries, txId: string): Promise<ProofBundle['attestations']> {
  const answers = await Promise.all(queries.orgs.map(async ({ mspId }) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return { org: mspId, proposalResponse: base64(await queries.signedTransactionStatus(txId, mspId)) };
      } catch {
        if (attempt >= ATTEMPTS) return null;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }));
  return answers.filter((a): a is NonNullable<typeof a> => a !== null);
}
