import { hash, signers } from '@hyperledger/fabric-gateway';
import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { derSignature, signingIdentityOf } from './native-signer';

const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** r and s of a DER ECDSA signature (short-form lengths, as P-256 signatures have). */
function rAndS(der: Uint8Array): { r: bigint; s: bigint } {
  const read = (at: number) => ({ value: BigInt(`0x${Buffer.from(der.subarray(at + 2, at + 2 + der[at + 1]!)).toString('hex')}`), next: at + 2 + der[at + 1]! });
  const r = read(2);
  return { r: r.value, s: read(r.next).value };
}

describe('native signer', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  it('signs the message itself (fabric-gateway hashes nothing) with signatures Node verifies over its SHA-256', async () => {
    const identity = signingIdentityOf(privateKey);
    expect(identity.hash).toBe(hash.none);
    const message = Buffer.from('a proposal');
    const signature = await identity.signer(message);
    expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
    expect(verify('sha256', Buffer.from('another proposal'), { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(false);
  });

  it('gives only low-S signatures, as Fabric requires (half of raw ECDSA signatures are high-S)', async () => {
    const { signer } = signingIdentityOf(privateKey);
    for (let i = 0; i < 64; i++) {
      const message = Buffer.from(`message ${i}`);
      const signature = await signer(message);
      expect(rAndS(signature).s <= P256_ORDER / 2n).toBe(true);
      expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
    }
  });

  it('is verified like fabric-gateway’s own signer: both sign the same digest of the message', async () => {
    const message = Buffer.from('a transaction');
    const theirs = await signers.newPrivateKeySigner(privateKey)(createHash('sha256').update(message).digest());
    const ours = await signingIdentityOf(privateKey).signer(message);
    for (const signature of [theirs, ours]) {
      expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
    }
  });

  it('signs with a P-384 key too (SHA-384, low S)', async () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const message = Buffer.from('a proposal');
    const signature = await signingIdentityOf(p384.privateKey).signer(message);
    expect(verify('sha384', message, { key: p384.publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
  });

  it('encodes integers as DER does: a leading zero byte when the first bit is set', () => {
    expect(Buffer.from(derSignature(0x7fn, 0x80n)).toString('hex')).toBe('300702017f02020080');
  });
});

describe('a proposal built through connectAs', () => {
  it('has a digest that the same identity’s signer signs into a signature over the proposal bytes', async () => {
    const { connectAs } = await import('./connection');
    const grpc = await import('@grpc/grpc-js');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const dir = mkdtempSync(join(tmpdir(), 'signer-'));
    writeFileSync(join(dir, 'key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(dir, 'cert.pem'), 'not needed to build a proposal');
    // No call is made: building a proposal needs no peer.
    const client = new grpc.Client('127.0.0.1:1', grpc.credentials.createInsecure());
    const gateway = connectAs(client, 'FinanceMSP', { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') }, { evaluateMs: 1, endorseMs: 1, submitMs: 1, commitStatusMs: 1 });
    try {
      const proposal = gateway.getNetwork('welfare').getContract('qscc').newProposal('GetChainInfo', { arguments: ['welfare'] });
      const { gateway: gatewayProtos } = await import('@hyperledger/fabric-protos');
      const proposalBytes = gatewayProtos.ProposedTransaction.deserializeBinary(proposal.getBytes()).getProposal()!.getProposalBytes_asU8();
      const signature = await signingIdentityOf(privateKey).signer(proposal.getDigest());
      expect(verify('sha256', proposalBytes, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
    } finally {
      gateway.close();
      client.close();
    }
  });
});
