import { canonicalJson } from '../lib/canonical-json';
import type { Programme } from '../lib/records';
import { DISABILITY_LIVING, MINIMUM_LIVING, json } from '../testing/fixtures';
import { IDENTITIES, TestLedger } from '../testing/network';
import { ProgrammeContract } from './programme';

const { civilAffairs, finance, audit, outsider } = IDENTITIES;

describe('programmes', () => {
  let ledger: TestLedger;
  const contract = new ProgrammeContract();

  beforeEach(() => {
    ledger = new TestLedger('2024-06-15T02:00:00.000Z');
  });

  it('civil affairs creates a programme, owned by its org and stamped with the transaction time', async () => {
    const { result, txId, event } = await ledger.submit<ProgrammeContract, Programme>(contract, 'CreateProgramme', civilAffairs, json(MINIMUM_LIVING));
    expect(result).toEqual({
      ...MINIMUM_LIVING,
      ownerMsp: 'CivilAffairsMSP',
      createdAt: '2024-06-15T02:00:01.000Z',
      updatedAt: '2024-06-15T02:00:01.000Z',
      txId,
    });
    expect(event).toEqual({ txId, changes: [{ kind: 'Programme', key: 'MINIMUM_LIVING', record: result }] });
  });

  it('is stored as canonical JSON with sorted keys', async () => {
    const { result } = await ledger.submit(contract, 'CreateProgramme', civilAffairs, json(MINIMUM_LIVING));
    const stored = ledger.stored('programme', 'MINIMUM_LIVING')!;
    expect(stored.startsWith('{"createdAt":')).toBe(true);
    expect(stored).toBe(canonicalJson(result));
    expect(stored).not.toContain('\n');
  });

  it('a second programme with the same id is refused ALREADY_EXISTS', async () => {
    await ledger.submit(contract, 'CreateProgramme', civilAffairs, json(MINIMUM_LIVING));
    await expect(ledger.submit(contract, 'CreateProgramme', civilAffairs, json({ ...MINIMUM_LIVING, monthlyCapFen: 1 }))).rejects.toThrow(
      '[ALREADY_EXISTS]',
    );
  });

  it('finance may not create a programme, and nothing is written', async () => {
    await expect(ledger.submit(contract, 'CreateProgramme', finance, json(MINIMUM_LIVING))).rejects.toThrow('[FORBIDDEN]');
    expect(ledger.stateSize).toBe(0);
  });

  it('a civil-affairs certificate naming another role may not create a programme', async () => {
    const accessLogger = { msp: 'CivilAffairsMSP', attributes: { 'welfare.roles': 'access-log' } };
    await expect(ledger.submit(contract, 'CreateProgramme', accessLogger, json(MINIMUM_LIVING))).rejects.toThrow('[FORBIDDEN]');
    const civilAffairsSystem = { msp: 'CivilAffairsMSP', attributes: { 'welfare.roles': 'access-log, civil-affairs' } };
    await expect(ledger.submit(contract, 'CreateProgramme', civilAffairsSystem, json(MINIMUM_LIVING))).resolves.toBeDefined();
  });

  it.each([
    ['a lower-case id', { ...MINIMUM_LIVING, id: 'minimum_living' }, 'programme.id'],
    ['a one-letter id', { ...MINIMUM_LIVING, id: 'M' }, 'programme.id'],
    ['a fractional cap', { ...MINIMUM_LIVING, monthlyCapFen: 100.5 }, 'programme.monthlyCapFen'],
    ['a zero cap', { ...MINIMUM_LIVING, monthlyCapFen: 0 }, 'programme.monthlyCapFen'],
    ['a cap given as text', { ...MINIMUM_LIVING, monthlyCapFen: '150000' }, 'programme.monthlyCapFen'],
    ['an empty English name', { ...MINIMUM_LIVING, nameEn: '  ' }, 'programme.nameEn'],
    ['a missing Chinese name', { id: 'X_Y', nameEn: 'x', monthlyCapFen: 1 }, 'programme.nameZh'],
    ['an unknown field', { ...MINIMUM_LIVING, ownerMsp: 'FinanceMSP' }, 'programme.ownerMsp'],
  ])('a programme with %s is refused VALIDATION naming the field', async (_name, input, field) => {
    await expect(ledger.submit(contract, 'CreateProgramme', civilAffairs, json(input))).rejects.toThrow(`[VALIDATION] ${field}`);
    expect(ledger.stateSize).toBe(0);
  });

  it('input that is not JSON, or not an object, is refused VALIDATION', async () => {
    await expect(ledger.submit(contract, 'CreateProgramme', civilAffairs, '{nope')).rejects.toThrow('[VALIDATION] programme: is not valid JSON');
    await expect(ledger.submit(contract, 'CreateProgramme', civilAffairs, '[]')).rejects.toThrow('[VALIDATION] programme: must be an object');
  });

  it('any member org reads a programme; an unknown one is NOT_FOUND', async () => {
    await ledger.submit(contract, 'CreateProgramme', civilAffairs, json(MINIMUM_LIVING));
    for (const reader of [civilAffairs, finance, audit]) {
      await expect(ledger.evaluate(contract, 'ReadProgramme', reader, 'MINIMUM_LIVING')).resolves.toMatchObject({ id: 'MINIMUM_LIVING' });
    }
    await expect(ledger.evaluate(contract, 'ReadProgramme', audit, 'ELDERLY_ALLOWANCE')).rejects.toThrow('[NOT_FOUND]');
    await expect(ledger.evaluate(contract, 'ReadProgramme', audit, 'bad id')).rejects.toThrow('[VALIDATION] id');
  });

  it('an identity outside the three orgs may not read', async () => {
    await ledger.submit(contract, 'CreateProgramme', civilAffairs, json(MINIMUM_LIVING));
    await expect(ledger.evaluate(contract, 'ReadProgramme', outsider, 'MINIMUM_LIVING')).rejects.toThrow('[FORBIDDEN]');
    await expect(ledger.evaluate(contract, 'ListProgrammes', outsider)).rejects.toThrow('[FORBIDDEN]');
  });

  it('lists programmes sorted by id', async () => {
    await ledger.submit(contract, 'CreateProgramme', civilAffairs, json(MINIMUM_LIVING));
    await ledger.submit(contract, 'CreateProgramme', civilAffairs, json(DISABILITY_LIVING));
    const list = await ledger.evaluate<ProgrammeContract, Programme[]>(contract, 'ListProgrammes', finance);
    expect(list.map((p) => p.id)).toEqual(['DISABILITY_LIVING', 'MINIMUM_LIVING']);
  });

  it('an update changes only the given fields and keeps the creation time; the ledger keeps every version', async () => {
    const created = await ledger.submit<ProgrammeContract, Programme>(contract, 'CreateProgramme', civilAffairs, json(MINIMUM_LIVING));
    const updated = await ledger.submit<ProgrammeContract, Programme>(
      contract,
      'UpdateProgramme',
      civilAffairs,
      json({ id: 'MINIMUM_LIVING', monthlyCapFen: 160_000 }),
    );
    expect(updated.result).toEqual({
      ...created.result,
      monthlyCapFen: 160_000,
      updatedAt: '2024-06-15T02:00:02.000Z',
      txId: updated.txId,
    });
    const renamed = await ledger.submit<ProgrammeContract, Programme>(
      contract,
      'UpdateProgramme',
      civilAffairs,
      json({ id: 'MINIMUM_LIVING', nameEn: 'Minimum livelihood guarantee', nameZh: '低保' }),
    );
    expect(renamed.result).toMatchObject({ nameEn: 'Minimum livelihood guarantee', nameZh: '低保', monthlyCapFen: 160_000 });

    const history = await ledger.evaluate<ProgrammeContract, { entries: { txId: string; record: Programme }[]; bookmark: string }>(
      contract,
      'ProgrammeHistory',
      audit,
      'MINIMUM_LIVING',
      '',
      '',
    );
    expect(history.entries.map((e) => e.txId)).toEqual([renamed.txId, updated.txId, created.txId]);
    expect(history.entries[2].record.monthlyCapFen).toBe(150_000);
    expect(history.bookmark).toBe('');
  });

  it('an update of an unknown programme is NOT_FOUND; an update with nothing to change is VALIDATION', async () => {
    await expect(ledger.submit(contract, 'UpdateProgramme', civilAffairs, json({ id: 'MINIMUM_LIVING', nameZh: '低保' }))).rejects.toThrow(
      '[NOT_FOUND]',
    );
    await expect(ledger.submit(contract, 'UpdateProgramme', civilAffairs, json({ id: 'MINIMUM_LIVING' }))).rejects.toThrow('[VALIDATION]');
  });

  it('finance may not update a programme', async () => {
    await ledger.submit(contract, 'CreateProgramme', civilAffairs, json(MINIMUM_LIVING));
    await expect(ledger.submit(contract, 'UpdateProgramme', finance, json({ id: 'MINIMUM_LIVING', monthlyCapFen: 1 }))).rejects.toThrow(
      '[FORBIDDEN]',
    );
  });
});
