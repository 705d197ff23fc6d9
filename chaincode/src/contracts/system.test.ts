import type { SystemRecord } from '../lib/records';
import { json, pseudonym } from '../testing/fixtures';
import { MINIMUM_LIVING } from '../testing/fixtures';
import { IDENTITIES, TestLedger } from '../testing/network';
import { ProgrammeContract } from './programme';
import { ADMIN_CERT_OU_ADMIN, USER_CERT_OU_CLIENT } from '../testing/certificates';
import { certificateFingerprint, subjectOrganisationalUnits } from './caller';
import { SystemContract } from './system';

const { civilAffairs, civilAffairsAdmin, finance, financeAdmin, audit, auditAdmin, outsider } = IDENTITIES;
const contract = new SystemContract();

const payingBank = { systemId: 'finance-paying-bank', name: 'Municipal paying bank gateway', roles: ['finance', 'access-log'] };
const reliefSystem = { systemId: 'ca-relief', name: '社会救助系统', roles: ['civil-affairs', 'access-log'], certFingerprint: pseudonym('cert') };

const register = (ledger: TestLedger, input: object, who: object) =>
  ledger.submit<SystemContract, SystemRecord>(contract, 'RegisterSystem', who as never, json(input));

describe('the system registry', () => {
  let ledger: TestLedger;
  beforeEach(() => {
    ledger = new TestLedger('2024-06-20T01:00:00.000Z');
  });

  it("an org's admin (certificate OU admin) registers its own system: ACTIVE, owned by its org", async () => {
    const { result, txId, event } = await register(ledger, reliefSystem, civilAffairsAdmin);
    expect(result).toEqual({
      ...reliefSystem,
      org: 'CivilAffairsMSP',
      status: 'ACTIVE',
      registeredAt: '2024-06-20T01:00:01.000Z',
      updatedAt: '2024-06-20T01:00:01.000Z',
      updatedBy: expect.stringContaining('/OU=admin/CN=Admin@civilaffairs'),
      txId,
    });
    expect(event?.changes).toEqual([{ kind: 'SystemRecord', key: 'ca-relief', record: result }]);
  });

  it('an admin named by the certificate attribute role=admin registers too; the fingerprint is optional', async () => {
    const { result } = await register(ledger, { ...payingBank, org: 'FinanceMSP' }, financeAdmin);
    expect(result).toMatchObject({ org: 'FinanceMSP', certFingerprint: null });
  });

  it('a certificate naming business roles only may not register systems', async () => {
    const relief = { msp: 'CivilAffairsMSP', attributes: { 'welfare.roles': 'civil-affairs,access-log' } };
    await expect(register(ledger, reliefSystem, relief)).rejects.toThrow('[FORBIDDEN] only an admin');
    await expect(register(ledger, payingBank, { msp: 'FinanceMSP', attributes: { 'welfare.roles': 'finance' } })).rejects.toThrow('[FORBIDDEN]');
  });

  it("the org's gateway identity (a client certificate naming no role) registers its own org's systems only", async () => {
    await expect(register(ledger, reliefSystem, civilAffairs)).resolves.toMatchObject({ result: { org: 'CivilAffairsMSP' } });
    await expect(register(ledger, { ...payingBank, org: 'FinanceMSP' }, civilAffairs)).rejects.toThrow('[FORBIDDEN]');
  });

  it("an admin may not register another org's system", async () => {
    await expect(register(ledger, { ...payingBank, org: 'FinanceMSP' }, civilAffairsAdmin)).rejects.toThrow(
      '[FORBIDDEN] an admin of CivilAffairsMSP registers only CivilAffairsMSP systems',
    );
  });

  it("a system may not hold a role of another org (a civil-affairs system with the finance role)", async () => {
    await expect(register(ledger, { ...reliefSystem, roles: ['finance'] }, civilAffairsAdmin)).rejects.toThrow(
      '[FORBIDDEN] CivilAffairsMSP systems cannot hold the role(s) finance',
    );
    const { result } = await register(ledger, { systemId: 'audit-inspection', name: 'Inspection', roles: ['inspector', 'auditor'] }, auditAdmin);
    expect(result.roles).toEqual(['inspector', 'auditor']);
  });

  it('a systemId already registered (by any org) is refused ALREADY_EXISTS', async () => {
    await register(ledger, reliefSystem, civilAffairsAdmin);
    await expect(register(ledger, reliefSystem, civilAffairsAdmin)).rejects.toThrow('[ALREADY_EXISTS]');
    await expect(register(ledger, { ...reliefSystem, roles: ['access-log'] }, auditAdmin)).rejects.toThrow('[ALREADY_EXISTS]');
  });

  it.each([
    ['no roles', { roles: [] }, 'system.roles'],
    ['an unknown role', { roles: ['root'] }, 'system.roles[0]'],
    ['a repeated role', { roles: ['access-log', 'access-log'] }, 'system.roles'],
    ['a fingerprint that is not sha256 hex', { certFingerprint: 'AA:BB' }, 'system.certFingerprint'],
    ['a systemId with a slash', { systemId: 'a/b' }, 'system.systemId'],
    ['an unknown field', { status: 'ACTIVE' }, 'system.status'],
  ])('a registration with %s is refused VALIDATION', async (_name, change, field) => {
    await expect(register(ledger, { ...reliefSystem, ...change }, civilAffairsAdmin)).rejects.toThrow(`[VALIDATION] ${field}`);
  });

  it('the admin updates name, roles and certificate fingerprint (key rotation)', async () => {
    await register(ledger, reliefSystem, civilAffairsAdmin);
    const rotated = pseudonym('new-cert');
    const { result } = await ledger.submit<SystemContract, SystemRecord>(
      contract,
      'UpdateSystem',
      civilAffairsAdmin,
      json({ systemId: 'ca-relief', certFingerprint: rotated }),
    );
    expect(result).toMatchObject({ certFingerprint: rotated, name: reliefSystem.name, roles: reliefSystem.roles, status: 'ACTIVE' });
    const renamed = await ledger.submit<SystemContract, SystemRecord>(
      contract,
      'UpdateSystem',
      civilAffairsAdmin,
      json({ systemId: 'ca-relief', name: 'Relief', roles: ['civil-affairs'] }),
    );
    expect(renamed.result).toMatchObject({ name: 'Relief', roles: ['civil-affairs'], certFingerprint: rotated });
  });

  it('an update must change something, keep roles within the org, and target a registered system of the own org', async () => {
    await register(ledger, reliefSystem, civilAffairsAdmin);
    const upd = (input: object, who: object = civilAffairsAdmin) => ledger.submit(contract, 'UpdateSystem', who as never, json(input));
    await expect(upd({ systemId: 'ca-relief' })).rejects.toThrow('[VALIDATION]');
    await expect(upd({ systemId: 'ca-relief', roles: ['auditor'] })).rejects.toThrow('[FORBIDDEN]');
    await expect(upd({ systemId: 'nope', name: 'x' })).rejects.toThrow('[NOT_FOUND]');
    await expect(upd({ systemId: 'ca-relief', name: 'x' }, auditAdmin)).rejects.toThrow('[FORBIDDEN] system ca-relief belongs to CivilAffairsMSP');
    await expect(upd({ systemId: 'ca-relief', name: 'x' }, { msp: 'CivilAffairsMSP', attributes: { 'welfare.roles': 'civil-affairs' } })).rejects.toThrow('[FORBIDDEN]');
  });

  it('the admin retires a system; a retired system can be neither updated nor retired again', async () => {
    await register(ledger, reliefSystem, civilAffairsAdmin);
    const { result } = await ledger.submit<SystemContract, SystemRecord>(contract, 'RetireSystem', civilAffairsAdmin, 'ca-relief');
    expect(result.status).toBe('RETIRED');
    await expect(ledger.submit(contract, 'RetireSystem', civilAffairsAdmin, 'ca-relief')).rejects.toThrow('[INVALID_TRANSITION]');
    await expect(ledger.submit(contract, 'UpdateSystem', civilAffairsAdmin, json({ systemId: 'ca-relief', name: 'x' }))).rejects.toThrow(
      '[INVALID_TRANSITION]',
    );
    await expect(register(ledger, reliefSystem, civilAffairsAdmin)).rejects.toThrow('[ALREADY_EXISTS]');
  });

  it("retiring is refused for an unknown system, another org's system, or a non-admin", async () => {
    await register(ledger, reliefSystem, civilAffairsAdmin);
    await expect(ledger.submit(contract, 'RetireSystem', civilAffairsAdmin, 'nope')).rejects.toThrow('[NOT_FOUND]');
    await expect(ledger.submit(contract, 'RetireSystem', financeAdmin, 'ca-relief')).rejects.toThrow('[FORBIDDEN]');
    await expect(ledger.submit(contract, 'RetireSystem', { msp: 'CivilAffairsMSP', attributes: { 'welfare.roles': 'civil-affairs' } } as never, 'ca-relief')).rejects.toThrow('[FORBIDDEN]');
  });

  it('members read and list every system; outsiders may not, even as admins', async () => {
    await register(ledger, reliefSystem, civilAffairsAdmin);
    await register(ledger, payingBank, financeAdmin);
    const list = await ledger.evaluate<SystemContract, SystemRecord[]>(contract, 'ListSystems', audit);
    expect(list.map((s) => s.systemId)).toEqual(['ca-relief', 'finance-paying-bank']);
    await expect(ledger.evaluate(contract, 'ReadSystem', finance, 'ca-relief')).resolves.toMatchObject({ org: 'CivilAffairsMSP' });
    await expect(ledger.evaluate(contract, 'ReadSystem', finance, 'nope')).rejects.toThrow('[NOT_FOUND]');
    await expect(ledger.evaluate(contract, 'ListSystems', outsider)).rejects.toThrow('[FORBIDDEN]');
    await expect(register(ledger, { ...reliefSystem, systemId: 'x' }, { ...outsider, ous: ['admin'] })).rejects.toThrow('[FORBIDDEN]');
  });
});

describe('reading the organisational units of a certificate subject', () => {
  it('finds every OU of the subject and none of the issuer', () => {
    const id = 'x509::/C=CN/OU=admin/OU=dept\\/1/CN=Admin@civilaffairs::/C=CN/OU=issuer-unit/CN=ca';
    expect(subjectOrganisationalUnits(id)).toEqual(['admin', 'dept/1']);
    expect(subjectOrganisationalUnits('not an x509 id')).toEqual([]);
  });
});

describe("a system's own certificate (welfare.systemId, welfare.roles) counts only while the registry holds it ACTIVE", () => {
  const programmes = new ProgrammeContract();
  const reliefCert = { msp: 'CivilAffairsMSP', attributes: { 'welfare.systemId': 'ca-relief', 'welfare.roles': 'civil-affairs' }, certificatePem: USER_CERT_OU_CLIENT };
  const relief = { ...reliefSystem, certFingerprint: certificateFingerprint(Buffer.from(USER_CERT_OU_CLIENT)) };
  const create = (ledger: TestLedger, who: object, id: string) =>
    ledger.submit(programmes, 'CreateProgramme', who as never, json({ ...MINIMUM_LIVING, id }));

  it('an ACTIVE system of the org writes; once retired, its certificate is refused FORBIDDEN and nothing is written', async () => {
    const ledger = new TestLedger('2024-06-20T01:00:00.000Z');
    await register(ledger, relief, civilAffairsAdmin);
    await expect(create(ledger, reliefCert, 'RELIEF_A')).resolves.toBeDefined();
    await ledger.submit(contract, 'RetireSystem', civilAffairsAdmin, 'ca-relief');
    const size = ledger.stateSize;
    await expect(create(ledger, reliefCert, 'RELIEF_B')).rejects.toThrow('[FORBIDDEN] system ca-relief is RETIRED');
    expect(ledger.stateSize).toBe(size);
  });

  it('only the certificate whose fingerprint the registry holds speaks for the system', async () => {
    const ledger = new TestLedger('2024-06-20T01:00:00.000Z');
    await register(ledger, relief, civilAffairsAdmin);
    const another = { ...reliefCert, certificatePem: ADMIN_CERT_OU_ADMIN };
    await expect(create(ledger, another, 'RELIEF_G')).rejects.toThrow('[FORBIDDEN] the certificate is not the one registered for system ca-relief');
    await expect(create(ledger, reliefCert, 'RELIEF_H')).resolves.toBeDefined();
  });

  it("an unregistered system, or a certificate naming another org's system, is refused", async () => {
    const ledger = new TestLedger('2024-06-20T01:00:00.000Z');
    await expect(create(ledger, reliefCert, 'RELIEF_C')).rejects.toThrow('[FORBIDDEN] system ca-relief is not registered');
    await register(ledger, { ...payingBank, systemId: 'fin-bank' }, financeAdmin);
    const borrowed = { msp: 'CivilAffairsMSP', attributes: { 'welfare.systemId': 'fin-bank', 'welfare.roles': 'civil-affairs' } };
    await expect(create(ledger, borrowed, 'RELIEF_D')).rejects.toThrow('[FORBIDDEN] system fin-bank belongs to FinanceMSP');
  });

  it('a revoked system stays out until its org reinstates it on the chain; retiring is final', async () => {
    const ledger = new TestLedger('2024-06-20T01:00:00.000Z');
    await register(ledger, relief, civilAffairsAdmin);
    const revoked = await ledger.submit<SystemContract, SystemRecord>(contract, 'RevokeSystem', civilAffairsAdmin, 'ca-relief');
    expect(revoked.result.status).toBe('REVOKED');
    await expect(create(ledger, reliefCert, 'RELIEF_E')).rejects.toThrow('[FORBIDDEN] system ca-relief is REVOKED');
    await expect(ledger.submit(contract, 'RevokeSystem', civilAffairsAdmin, 'ca-relief')).rejects.toThrow('[INVALID_TRANSITION]');
    await expect(ledger.submit(contract, 'ReinstateSystem', financeAdmin, 'ca-relief')).rejects.toThrow('[FORBIDDEN]');
    await expect(ledger.submit(contract, 'ReinstateSystem', reliefCert as never, 'ca-relief')).rejects.toThrow('[FORBIDDEN]');

    const reinstated = await ledger.submit<SystemContract, SystemRecord>(contract, 'ReinstateSystem', civilAffairsAdmin, 'ca-relief');
    expect(reinstated.result).toMatchObject({ status: 'ACTIVE', txId: reinstated.txId });
    await expect(create(ledger, reliefCert, 'RELIEF_F')).resolves.toBeDefined();
    await expect(ledger.submit(contract, 'ReinstateSystem', civilAffairsAdmin, 'ca-relief')).rejects.toThrow('[INVALID_TRANSITION] system ca-relief is ACTIVE, not REVOKED');

    await ledger.submit(contract, 'RevokeSystem', civilAffairsAdmin, 'ca-relief');
    await expect(ledger.submit<SystemContract, SystemRecord>(contract, 'RetireSystem', civilAffairsAdmin, 'ca-relief')).resolves.toMatchObject({ result: { status: 'RETIRED' } });
    await expect(ledger.submit(contract, 'ReinstateSystem', civilAffairsAdmin, 'ca-relief')).rejects.toThrow('[INVALID_TRANSITION]');
  });
});
