import { disbursementBundle } from '../testing/fixtures';
import { readChannelConfig } from './channel-config';
import { examineCreator, examineEndorsements, verifiedSigners } from './endorsements';
import { evaluatePolicy, type VerifiedSigner } from './policy';
import { decodeTransaction } from './transaction';

const bundle = disbursementBundle();
const config = readChannelConfig(Buffer.from(bundle.configChain[0].data[0], 'base64'));
const tx = decodeTransaction(Buffer.from(bundle.transaction.envelope, 'base64'));
const endorsers = verifiedSigners(examineEndorsements(tx.actions[0], config, tx.timestamp));
const creator = examineCreator(tx, config);
const MAJORITY = '/Channel/Application/Endorsement';

describe('the channel endorsement policy (MAJORITY of the three orgs, each OR(org.peer))', () => {
  test('the channel config names three application orgs and their MSP roots', () => {
    expect(config.applicationOrgs.map((o) => o.mspId)).toEqual(['AuditMSP', 'CivilAffairsMSP', 'FinanceMSP']);
    expect(config.msps.get('OrdererMSP')?.rootCerts).toHaveLength(1);
  });

  test("two orgs' peers satisfy it", () => {
    expect(endorsers).toHaveLength(2);
    expect(evaluatePolicy(MAJORITY, config, endorsers)).toMatchObject({ satisfied: true, description: 'MAJORITY Endorsement of 3 orgs needs 2' });
  });

  test("one org's peer alone does not", () => {
    expect(evaluatePolicy(MAJORITY, config, endorsers.slice(0, 1))).toMatchObject({ satisfied: false, satisfiedBy: [endorsers[0].identity.mspId] });
  });

  test('the same peer endorsing twice counts once', () => {
    expect(evaluatePolicy(MAJORITY, config, [endorsers[0], endorsers[0]]).satisfied).toBe(false);
  });

  test("a client identity is not a peer: it does not satisfy an org's Endorsement policy", () => {
    expect(creator.membership.ok).toBe(true);
    const client: VerifiedSigner = { identity: creator.identity, ous: creator.membership.ok ? creator.membership.ous : [] };
    expect(client.ous).toContain('client');
    const org = config.applicationOrgs.find((o) => o.mspId === client.identity.mspId)!;
    expect(evaluatePolicy(`/Channel/Application/${org.name}/Endorsement`, config, [client]).satisfied).toBe(false);
    expect(evaluatePolicy(MAJORITY, config, [client, endorsers[1]]).satisfied).toBe(false);
  });

  test("an org's own Endorsement policy is met by its peer", () => {
    const org = config.applicationOrgs.find((o) => o.mspId === endorsers[0].identity.mspId)!;
    expect(evaluatePolicy(`/Channel/Application/${org.name}/Endorsement`, config, endorsers.slice(0, 1)).satisfied).toBe(true);
  });

  test('an unknown policy is never satisfied', () => {
    expect(evaluatePolicy('/Channel/Application/Nope', config, endorsers).satisfied).toBe(false);
    expect(evaluatePolicy('/Channel/Orderer/BlockValidation', config, endorsers).satisfied).toBe(false);
  });
});

describe('membership of a channel MSP', () => {
  test('a certificate claimed for another MSP does not chain to that MSP', () => {
    const [first] = examineEndorsements(tx.actions[0], config, tx.timestamp);
    const other = config.applicationOrgs.find((o) => o.mspId !== first.identity.mspId)!.mspId;
    const forged = { ...tx.actions[0], endorsements: [{ ...tx.actions[0].endorsements[0], endorser: { ...first.identity, mspId: other } }] };
    const [examined] = examineEndorsements(forged, config, tx.timestamp);
    expect(examined.membership).toMatchObject({ ok: false, reason: expect.stringContaining(`does not chain to a ${other} root CA`) });
  });

  test('a certificate is checked against the transaction time', () => {
    const [examined] = examineEndorsements(tx.actions[0], config, new Date('1999-01-01T00:00:00Z'));
    expect(examined.membership).toMatchObject({ ok: false, reason: expect.stringContaining('was not valid at 1999-01-01') });
  });

  test('an MSP that is not in the channel is refused', () => {
    const [examined] = examineEndorsements({ ...tx.actions[0], endorsements: [{ ...tx.actions[0].endorsements[0], endorser: { ...tx.actions[0].endorsements[0].endorser, mspId: 'EvilMSP' } }] }, config, null);
    expect(examined.membership).toMatchObject({ ok: false, reason: 'EvilMSP is not an MSP of the channel' });
  });
});
