import { contracts } from './index';
import { parseLedgerError } from './lib/ledger-error';
import { ADMIN_CERT_OU_ADMIN, USER_CERT_OU_CLIENT } from './testing/certificates';
import { MINIMUM_LIVING, json } from './testing/fixtures';
import { WorldState } from './testing/fake-stub';
import { invokeAsPeer, loadChaincode } from './testing/peer';

interface Transaction {
  name: string;
  tag: string[];
  parameters?: { schema: { type: string } }[];
}

describe('the welfare chaincode', () => {
  const chaincode = loadChaincode(contracts);
  const transactionsOf = (name: string) => chaincode.metadata.contracts[name].transactions.map((t: Transaction) => t.name).sort();

  it('makes programme the default contract', () => {
    expect(chaincode.defaultContractName).toBe('programme');
  });

  it.each([
    ['programme', ['CreateProgramme', 'ListProgrammes', 'ProgrammeHistory', 'ReadProgramme', 'UpdateProgramme']],
    ['eligibility', ['Grant', 'GrantMany', 'History', 'ListBySubject', 'ReadEligibility', 'Reinstate', 'Revoke', 'Suspend', 'TransferDistrict']],
    ['death', ['ReadDeath', 'RecordDeath']],
    [
      'disbursement',
      ['ListOverpayments', 'PostBatch', 'PostDisbursement', 'ReadBatch', 'ReadDisbursement', 'ReadOverpayment', 'RecoverOverpayment', 'SettleLine'],
    ],
    ['system', ['ListSystems', 'ReadSystem', 'RegisterSystem', 'ReinstateSystem', 'RetireSystem', 'RevokeSystem', 'UpdateSystem']],
    ['access', ['AnchorAccessBatch', 'ReadAccessBatch', 'ReadAccessEvent']],
  ])('serves the %s contract with exactly its transactions', (name, transactions) => {
    expect(transactionsOf(name as string)).toEqual(transactions);
  });

  it('ships no benchmark contract or function: the plain-write baseline is deployed only on the bench network', () => {
    const names = Object.keys(chaincode.metadata.contracts).filter((name) => name !== 'org.hyperledger.fabric').sort();
    expect(names).toEqual(['access', 'death', 'disbursement', 'eligibility', 'programme', 'system']);
    const functions = names.flatMap((name) => transactionsOf(name));
    expect(functions.filter((fn) => /bench|PutValue/i.test(fn))).toEqual([]);
  });

  it('takes only string arguments and marks queries as evaluate-only', () => {
    for (const contract of Object.values(chaincode.metadata.contracts) as { name: string; transactions: Transaction[] }[]) {
      if (contract.name === 'org.hyperledger.fabric') continue;
      for (const transaction of contract.transactions) {
        for (const parameter of transaction.parameters ?? []) expect(parameter.schema.type).toBe('string');
        const isQuery = /^(Read|List)|History$/.test(transaction.name);
        expect(transaction.tag.includes('submitTx')).toBe(!isQuery);
      }
    }
  });
});

describe('the chaincode invoked through fabric-shim as a peer invokes it', () => {
  const chaincode = loadChaincode(contracts);
  const civilAffairsAdmin = { mspid: 'CivilAffairsMSP', certPem: ADMIN_CERT_OU_ADMIN };
  const financeUser = { mspid: 'FinanceMSP', certPem: USER_CERT_OU_CLIENT };

  it('answers with the canonical JSON record, using the default contract when none is named', async () => {
    const world = new WorldState();
    const response = await invokeAsPeer(chaincode, world, civilAffairsAdmin, 'CreateProgramme', json(MINIMUM_LIVING));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.payload)).toMatchObject({ id: 'MINIMUM_LIVING', ownerMsp: 'CivilAffairsMSP' });
    const read = await invokeAsPeer(chaincode, world, financeUser, 'programme:ReadProgramme', 'MINIMUM_LIVING');
    expect(read.payload).toBe(response.payload);
  });

  it('refuses with a message the gateway parses back into a reason code', async () => {
    const response = await invokeAsPeer(chaincode, new WorldState(), financeUser, 'programme:CreateProgramme', json(MINIMUM_LIVING));
    expect(response.status).toBe(500);
    expect(parseLedgerError(response.message)).toEqual({ code: 'FORBIDDEN', message: 'FinanceMSP may not write programmes' });
  });

  it("recognises an org admin from the real certificate's subject OU", async () => {
    const world = new WorldState();
    const system = json({ systemId: 'ca-relief', name: 'Relief', roles: ['civil-affairs'] });
    const registered = await invokeAsPeer(chaincode, world, civilAffairsAdmin, 'system:RegisterSystem', system);
    expect(registered.status).toBe(200);
    expect(JSON.parse(registered.payload).updatedBy).toContain('/OU=admin/');
    // A client certificate naming no role is the org's gateway identity: it registers too, as itself.
    const other = json({ systemId: 'ca-other', name: 'Other', roles: ['civil-affairs'] });
    const asGateway = await invokeAsPeer(chaincode, world, { ...financeUser, mspid: 'CivilAffairsMSP' }, 'system:RegisterSystem', other);
    expect(asGateway.status).toBe(200);
    expect(JSON.parse(asGateway.payload).updatedBy).not.toContain('/OU=admin/');
  });

  it('refuses a wrong number of arguments before any rule runs', async () => {
    const response = await invokeAsPeer(chaincode, new WorldState(), financeUser, 'programme:ReadProgramme', 'MINIMUM_LIVING', 'extra');
    expect(response.status).toBe(500);
    expect(response.message).toContain('Expected 1 parameters');
  });
});
