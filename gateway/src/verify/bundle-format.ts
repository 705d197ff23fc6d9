/** Is this JSON a proof bundle this verifier understands? Checks the shape only; the checks judge the content. */
import { BUNDLE_FORMAT, BUNDLE_VERSION, type ProofBundle } from './bundle';

export function bundleFormatProblem(value: unknown): string | null {
  const b = value as Partial<ProofBundle> | null;
  if (!b || typeof b !== 'object') return 'the bundle is not a JSON object';
  if (b.format !== BUNDLE_FORMAT) return `not a ${BUNDLE_FORMAT} document (format: ${JSON.stringify(b.format)})`;
  if (b.version !== BUNDLE_VERSION) return `bundle version ${JSON.stringify(b.version)} is not supported (this verifier reads version ${BUNDLE_VERSION})`;
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => ok || problems.push(what);
  need(b.kind === 'transaction' || b.kind === 'access-event', 'kind');
  need(typeof b.channel === 'string' && typeof b.txId === 'string', 'channel, txId');
  need(isSignedBlock(b.block) && typeof b.block?.validationCodes === 'string', 'block');
  need(Array.isArray(b.attestations) && b.attestations.every((a) => typeof a?.org === 'string' && typeof a?.proposalResponse === 'string'), 'attestations');
  need(!!b.transaction && Number.isInteger(b.transaction.index) && typeof b.transaction.envelope === 'string', 'transaction');
  need(Array.isArray(b.headers) && b.headers.every(isHeader), 'headers');
  need(b.earlierHeaders === undefined || (Array.isArray(b.earlierHeaders) && b.earlierHeaders.every(isHeader)), 'earlierHeaders');
  need(!!b.tip && Number.isInteger(b.tip.number) && typeof b.tip.hash === 'string', 'tip');
  need(Array.isArray(b.configChain) && b.configChain.length > 0 && b.configChain.every(isSignedBlock), 'configChain');
  need(Array.isArray(b.claims) && b.claims.every(isClaim), 'claims');
  need(b.kind !== 'access-event' || isAccessEventProof(b.accessEvent), 'accessEvent');
  return problems.length ? `the bundle is malformed: ${problems.join(', ')}` : null;
}

function isHeader(h: unknown): boolean {
  const header = h as { number?: unknown; previousHash?: unknown; dataHash?: unknown } | null;
  return !!header && Number.isSafeInteger(header.number) && typeof header.previousHash === 'string' && typeof header.dataHash === 'string';
}

function isBlock(b: unknown): boolean {
  const block = b as { header?: unknown; data?: unknown } | null;
  return !!block && isHeader(block.header) && Array.isArray(block.data) && block.data.every((d) => typeof d === 'string');
}

function isSignedBlock(b: unknown): boolean {
  return isBlock(b) && typeof (b as { signatures?: unknown }).signatures === 'string';
}

function isClaim(c: unknown): boolean {
  const claim = c as { namespace?: unknown; key?: unknown; value?: unknown } | null;
  return !!claim && typeof claim.namespace === 'string' && typeof claim.key === 'string' && typeof claim.value === 'string';
}

function isAccessEventProof(p: unknown): boolean {
  const proof = p as ProofBundle['accessEvent'];
  return !!proof && typeof proof.event === 'object' && proof.event !== null && typeof proof.batchId === 'string' &&
    Number.isInteger(proof.leafIndex) && Number.isInteger(proof.treeSize) && Array.isArray(proof.path) &&
    proof.path.every((s) => typeof s === 'string') && typeof proof.anchorKey === 'string';
}
