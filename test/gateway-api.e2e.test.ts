/**
 * The gateway as business systems use it, on the real network: who may write what, bad input
 * refused with the right status and nothing written, idempotent retries, CSV uploads, and the
 * life of an API key.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { apiKey, citizenOfRun, get, post, request, runTag, type SystemName, urlFor } from './support/api';
import { heightAround } from './support/chain';
import { GATEWAY_URL } from './support/test-network';

/** An API key and the gateway of the org that issued it (the only gateway that knows it). */
interface KeyAt {
  apiKey: string;
  url: string;
}

const programmeId = `API_${runTag}`;
const citizen = citizenOfRun(401, '310106');
const otherCitizen = citizenOfRun(402, '310106');

async function withKey(key: KeyAt, method: string, route: string, body?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { authorization: `Bearer ${key.apiKey}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(key.url + route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/** Registers a system holding exactly one role and returns its key (at its org's gateway). */
async function systemWithRole(admin: SystemName, role: string): Promise<KeyAt> {
  const answer = await post('/v1/systems', admin, { systemId: `${role}-${runTag}`, name: `only ${role}`, roles: [role] });
  expect(answer.status).toBe(201);
  return { apiKey: answer.body.apiKey, url: urlFor(admin) };
}

const bootstrapKey = (system: SystemName): KeyAt => ({ apiKey: apiKey(system), url: urlFor(system) });

beforeAll(async () => {
  expect((await post('/v1/programmes', 'civil-affairs-system', { id: programmeId, nameEn: 'API test', nameZh: '接口测试', monthlyCapFen: 40000 })).status).toBe(201);
  const grant = await post('/v1/eligibility/grant', 'civil-affairs-system', {
    citizenId: citizen, programmeId, validFrom: '2026-01-01', districtCode: '310106', decisionRef: 'API',
    checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'civil-affairs-system' }],
  });
  expect(grant.status).toBe(201);
});

describe('the role matrix: every role against every write endpoint', () => {
  const keys: Record<string, KeyAt> = {};
  beforeAll(async () => {
    keys['civil-affairs'] = await systemWithRole('civil-affairs-admin', 'civil-affairs');
    keys.finance = await systemWithRole('finance-admin', 'finance');
    keys['access-log'] = await systemWithRole('finance-admin', 'access-log');
    keys.auditor = await systemWithRole('audit-admin', 'auditor');
    keys.inspector = await systemWithRole('audit-admin', 'inspector');
    keys.admin = bootstrapKey('finance-admin');
  });

  // Each write endpoint with the one role allowed to call it and a request that role can make.
  const writes = (n: number): [string, string, string, unknown][] => [
    ['admin', 'POST', '/v1/systems', { systemId: `matrix-${runTag}-${n}`, name: 'matrix', roles: ['access-log'] }],
    ['civil-affairs', 'POST', '/v1/programmes', { id: `${programmeId}_M${n}`, nameEn: 'm', nameZh: 'm', monthlyCapFen: 100 }],
    ['civil-affairs', 'PATCH', `/v1/programmes/${programmeId}`, { nameEn: `API test ${n}` }],
    ['civil-affairs', 'POST', '/v1/eligibility/grant', {
      citizenId: citizenOfRun(410 + n, '310106'), programmeId, validFrom: '2026-01-01', districtCode: '310106', decisionRef: 'M',
      checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'x' }],
    }],
    ['civil-affairs', 'POST', '/v1/eligibility/imports', {
      grants: [430, 440].map((k) => ({
        citizenId: citizenOfRun(k + n, '310106'), programmeId, validFrom: '2026-01-01', districtCode: '310106', decisionRef: 'M',
        checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'x' }],
      })),
    }],
    ['civil-affairs', 'POST', '/v1/eligibility/transfer', { citizenId: citizen, programmeId, districtCode: `31010${n}`, decisionRef: 'M' }],
    ['civil-affairs', 'POST', '/v1/deaths', { citizenId: citizenOfRun(420 + n, '310106'), dateOfDeath: '2026-01-05', source: 'CITY_DEATH_DB' }],
    ['finance', 'POST', '/v1/disbursements', {
      lineId: `M-${runTag}-${n}`, programmeId, period: `2026-0${n}`, citizenId: citizen, amountFen: 100, bankAccount: '6222020000000001', kind: 'REGULAR',
    }],
    ['finance', 'POST', '/v1/disbursement-batches', {
      batchId: `MB-${runTag}-${n}`, programmeId, period: `2026-1${n}`,
      lines: [{ lineId: `MB-${runTag}-${n}-1`, citizenId: citizen, amountFen: 100, bankAccount: '6222020000000001', kind: 'REGULAR' }],
    }],
    ['access-log', 'POST', '/v1/access-events', {
      citizenId: citizen, datasetCode: 'JM.T01', fields: ['name'], purpose: 'SERVICE_DELIVERY', legalBasis: 'test', accessedAt: '2026-11-01T00:00:00Z', resultCount: 1,
    }],
  ];
  const roles = ['admin', 'civil-affairs', 'finance', 'access-log', 'auditor', 'inspector'];

  it('a role not allowed gets 403 from every write endpoint and nothing is written', async () => {
    const refused: string[] = [];
    const { before, after } = await heightAround(async () => {
      for (const role of roles) {
        for (const [allowed, method, route, body] of writes(1)) {
          if (role === allowed) continue;
          const answer = await withKey(keys[role], method, route, body);
          if (answer.status !== 403 || answer.body.error.code !== 'FORBIDDEN') refused.push(`${role} ${method} ${route} -> ${answer.status}`);
        }
      }
    });
    expect(refused).toEqual([]);
    expect(after).toBe(before);
  });

  it('the allowed role succeeds on each write endpoint', async () => {
    for (const [allowed, method, route, body] of writes(2)) {
      const answer = await withKey(keys[allowed], method, route, body);
      expect({ route, status: answer.status }).toEqual({ route, status: answer.status >= 200 && answer.status < 300 ? answer.status : 'not 2xx' });
    }
  });
});

describe('bad input gets the right 4xx and changes nothing', () => {
  const line = { lineId: `BAD-${runTag}`, programmeId, period: '2026-07', citizenId: citizen, amountFen: 100, bankAccount: '6222020000000001', kind: 'REGULAR' };
  const grant = { citizenId: otherCitizen, programmeId, validFrom: '2026-01-01', districtCode: '310106', decisionRef: 'B', checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'x' }] };
  const event = { citizenId: citizen, datasetCode: 'JM.T01', fields: ['name'], purpose: 'AUDIT', legalBasis: 'law', accessedAt: '2026-11-01T00:00:00Z', resultCount: 1 };
  const wrongCheckDigit = citizen.slice(0, 17) + (citizen[17] === '0' ? '1' : '0');
  type Case = [name: string, as: SystemName, method: string, route: string, body: unknown, status: number, code: string, contentType?: string];
  const cases: Case[] = [
    ['malformed JSON', 'finance-system', 'POST', '/v1/disbursements', '{"lineId":', 400, 'MALFORMED_JSON', 'application/json'],
    ['wrong content type', 'finance-system', 'POST', '/v1/disbursements', 'lineId=1', 415, 'UNSUPPORTED_MEDIA_TYPE', 'application/x-www-form-urlencoded'],
    ['unknown field', 'finance-system', 'POST', '/v1/disbursements', { ...line, extra: 1 }, 400, 'VALIDATION'],
    ['missing field', 'finance-system', 'POST', '/v1/disbursements', { ...line, kind: undefined }, 400, 'VALIDATION'],
    ['amount as a string', 'finance-system', 'POST', '/v1/disbursements', { ...line, amountFen: '100' }, 400, 'VALIDATION'],
    ['zero amount', 'finance-system', 'POST', '/v1/disbursements', { ...line, amountFen: 0 }, 422, 'INVALID_AMOUNT'],
    ['negative amount', 'finance-system', 'POST', '/v1/disbursements', { ...line, amountFen: -1 }, 422, 'INVALID_AMOUNT'],
    ['fractional amount', 'finance-system', 'POST', '/v1/disbursements', { ...line, amountFen: 1.5 }, 422, 'INVALID_AMOUNT'],
    ['period month 13', 'finance-system', 'POST', '/v1/disbursements', { ...line, period: '2026-13' }, 400, 'VALIDATION'],
    ['wrong check digit', 'finance-system', 'POST', '/v1/disbursements', { ...line, citizenId: wrongCheckDigit }, 400, 'VALIDATION'],
    ['lowercase x in ID', 'civil-affairs-system', 'POST', '/v1/eligibility/grant', { ...grant, citizenId: '11010519491231002x' }, 400, 'VALIDATION'],
    ['impossible birth date', 'civil-affairs-system', 'POST', '/v1/eligibility/grant', { ...grant, citizenId: '110105194902300010' }, 400, 'VALIDATION'],
    ['unknown kind', 'finance-system', 'POST', '/v1/disbursements', { ...line, kind: 'BONUS' }, 400, 'VALIDATION'],
    ['bank account with letters', 'finance-system', 'POST', '/v1/disbursements', { ...line, bankAccount: 'ABC123' }, 400, 'VALIDATION'],
    ['unknown programme', 'finance-system', 'POST', '/v1/disbursements', { ...line, programmeId: `NONE_${runTag}` }, 422, 'UNKNOWN_PROGRAM'],
    ['not eligible', 'finance-system', 'POST', '/v1/disbursements', { ...line, citizenId: otherCitizen }, 422, 'NOT_ELIGIBLE'],
    ['over the monthly cap', 'finance-system', 'POST', '/v1/disbursements', { ...line, amountFen: 40001 }, 422, 'AMOUNT_EXCEEDS_STANDARD'],
    ['empty batch', 'finance-system', 'POST', '/v1/disbursement-batches', { batchId: `BADB-${runTag}`, programmeId, period: '2026-07', lines: [] }, 400, 'VALIDATION'],
    ['batch line with a bad ID', 'finance-system', 'POST', '/v1/disbursement-batches', { batchId: `BADB-${runTag}`, programmeId, period: '2026-07', lines: [{ ...line, programmeId: undefined, period: undefined, citizenId: '123' }] }, 400, 'VALIDATION'],
    ['programme id lowercase', 'civil-affairs-system', 'POST', '/v1/programmes', { id: 'lower', nameEn: 'a', nameZh: 'a', monthlyCapFen: 1 }, 400, 'VALIDATION'],
    ['programme cap as float', 'civil-affairs-system', 'POST', '/v1/programmes', { id: `${programmeId}_F`, nameEn: 'a', nameZh: 'a', monthlyCapFen: 1.5 }, 400, 'VALIDATION'],
    ['programme already exists', 'civil-affairs-system', 'POST', '/v1/programmes', { id: programmeId, nameEn: 'a', nameZh: 'a', monthlyCapFen: 1 }, 409, 'ALREADY_EXISTS'],
    ['grant with a failed check', 'civil-affairs-system', 'POST', '/v1/eligibility/grant', { ...grant, checks: [{ check: 'IDENTITY', result: 'FAIL', sourceSystem: 'x' }] }, 422, 'CHECKS_FAILED'],
    ['import with a failed check', 'civil-affairs-system', 'POST', '/v1/eligibility/imports', { grants: [grant, { ...grant, citizenId: citizenOfRun(403, '310106'), checks: [{ check: 'IDENTITY', result: 'FAIL', sourceSystem: 'x' }] }] }, 422, 'CHECKS_FAILED'],
    ['import granting one citizen twice', 'civil-affairs-system', 'POST', '/v1/eligibility/imports', { grants: [grant, { ...grant, decisionRef: 'C' }] }, 400, 'VALIDATION'],
    ['empty import', 'civil-affairs-system', 'POST', '/v1/eligibility/imports', { grants: [] }, 400, 'VALIDATION'],
    ['grant with a 5-digit district', 'civil-affairs-system', 'POST', '/v1/eligibility/grant', { ...grant, districtCode: '31010' }, 400, 'VALIDATION'],
    ['grant on 30 February', 'civil-affairs-system', 'POST', '/v1/eligibility/grant', { ...grant, validFrom: '2026-02-30' }, 400, 'VALIDATION'],
    ['reinstate an ACTIVE eligibility', 'civil-affairs-system', 'POST', '/v1/eligibility/reinstate', { citizenId: citizen, programmeId, decisionRef: 'B' }, 409, 'INVALID_TRANSITION'],
    ['suspend a missing eligibility', 'civil-affairs-system', 'POST', '/v1/eligibility/suspend', { citizenId: otherCitizen, programmeId, reason: 'REVIEW', decisionRef: 'B' }, 404, 'NOT_FOUND'],
    ['death date in the future', 'civil-affairs-system', 'POST', '/v1/deaths', { citizenId: otherCitizen, dateOfDeath: '2999-01-01', source: 'X' }, 400, 'VALIDATION'],
    ['settle an unknown line', 'finance-system', 'POST', `/v1/disbursements/NOPE-${runTag}/settlement`, { outcome: 'SETTLED', bankRef: 'B1', date: '2026-07-01' }, 404, 'NOT_FOUND'],
    ['settlement outcome unknown', 'finance-system', 'POST', `/v1/disbursements/NOPE-${runTag}/settlement`, { outcome: 'PAID', bankRef: 'B1', date: '2026-07-01' }, 400, 'VALIDATION'],
    ['access event with both ID and subjectRef', 'audit-system', 'POST', '/v1/access-events', { ...event, subjectRef: 'a'.repeat(64) }, 400, 'VALIDATION'],
    ['access event with an unknown purpose', 'audit-system', 'POST', '/v1/access-events', { ...event, purpose: 'CURIOSITY' }, 400, 'VALIDATION'],
    ['access event for a system of another org', 'audit-system', 'POST', '/v1/access-events', { ...event, accessorSystemId: 'finance-system' }, 422, 'UNKNOWN_ACCESSOR'],
    ['read without a purpose', 'audit-system', 'GET', `/v1/disbursements/BAD-${runTag}`, undefined, 400, 'VALIDATION'],
    ['unknown route', 'audit-system', 'GET', '/v1/nothing-here', undefined, 404, 'NOT_FOUND'],
    ['register a system with a role of another org', 'finance-admin', 'POST', '/v1/systems', { systemId: `BAD-${runTag}`, name: 'x', roles: ['civil-affairs'] }, 403, 'FORBIDDEN'],
  ];

  it(`has at least 30 cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  // Objects, not tuples: jest takes a test function with more parameters than a row has for one wanting `done`.
  const rows = cases.map(([name, as, method, route, body, status, code, contentType]) => ({ name, as, method, route, body, status, code, contentType }));
  it.each(rows)('$name -> $status $code, nothing written', async ({ as, method, route, body, status, code, contentType }) => {
    let answer: { status: number; body: any } = { status: 0, body: undefined };
    const { before, after } = await heightAround(async () => {
      if (contentType) {
        const res = await fetch(urlFor(as) + route, { method, headers: { authorization: `Bearer ${apiKey(as)}`, 'content-type': contentType }, body: body as string });
        answer = { status: res.status, body: await res.json() };
      } else {
        answer = await request(method, route, as, body);
      }
    });
    expect({ status: answer.status, code: answer.body?.error?.code }).toEqual({ status, code });
    expect(JSON.stringify(answer.body)).not.toContain(citizen);
    expect(after).toBe(before);
  });

  it('a body over the configured limit is 413', async () => {
    const res = await fetch(urlFor('finance-system') + '/v1/disbursements', {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey('finance-system')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(6 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a missing or unknown API key is 401', async () => {
    expect((await request('GET', '/v1/programmes')).status).toBe(401);
    expect((await withKey({ apiKey: 'wl_not-a-key', url: GATEWAY_URL }, 'GET', '/v1/programmes')).status).toBe(401);
  });
});

describe('idempotent retries', () => {
  it('a retry with the same Idempotency-Key returns the first answer and writes nothing', async () => {
    const body = { lineId: `IDEM-${runTag}`, programmeId, period: '2026-08', citizenId: citizen, amountFen: 100, bankAccount: '6222020000000001', kind: 'REGULAR' };
    const send = () =>
      fetch(urlFor('finance-system') + '/v1/disbursements', {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey('finance-system')}`, 'content-type': 'application/json', 'idempotency-key': `k-${runTag}` },
        body: JSON.stringify(body),
      });
    const first = await send();
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    let replay: Response | undefined;
    const { before, after } = await heightAround(async () => {
      replay = await send();
    });
    expect(replay!.status).toBe(201);
    expect(replay!.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay!.json()).toEqual(firstBody);
    expect(after).toBe(before);

    const different = await fetch(urlFor('finance-system') + '/v1/disbursements', {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey('finance-system')}`, 'content-type': 'application/json', 'idempotency-key': `k-${runTag}` },
      body: JSON.stringify({ ...body, amountFen: 101 }),
    });
    expect(different.status).toBe(409);
    expect(((await different.json()) as any).error.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('a retried access event with the same eventId is anchored once', async () => {
    const event = { eventId: `EV-${runTag}`, citizenId: citizen, datasetCode: 'JM.T01', fields: ['name'], purpose: 'AUDIT', legalBasis: 'law', accessedAt: '2026-11-01T00:00:00Z', resultCount: 1 };
    const [a, b] = await Promise.all([post('/v1/access-events', 'audit-system', event), post('/v1/access-events', 'audit-system', event)]);
    expect(a.status).toBe(201);
    expect(b.body.events[0]).toEqual(a.body.events[0]);
  });
});

describe('CSV batch upload', () => {
  const csv = (rows: string[]) => ['lineId,citizenId,amountFen,bankAccount,kind', ...rows].join('\n') + '\n';
  const upload = (batchId: string, text: string | Buffer, headers: Record<string, string> = {}, extraQuery = '') =>
    fetch(`${urlFor('finance-system')}/v1/disbursement-batches.csv?batchId=${batchId}&programmeId=${programmeId}&period=2026-09${extraQuery}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey('finance-system')}`, 'content-type': 'text/csv', ...headers },
      body: typeof text === 'string' ? text : new Uint8Array(text), // a plain byte view: BodyInit under both Node's and the DOM's types
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as any }));
  const gb18030Export = readFileSync(path.join(__dirname, '..', 'gateway', 'src', 'http', 'fixtures', 'excel-csv-gb18030-remark.csv'));

  it('posts good lines, records rejected ones, and gives the CSV line number of each result', async () => {
    const answer = await upload(`CSV-${runTag}`, csv([
      `C-${runTag}-1,${citizen},30000,6222020000000001,REGULAR`,
      `C-${runTag}-2,${otherCitizen},30000,6222020000000002,REGULAR`,
      `C-${runTag}-3,${citizen},20000,6222020000000001,SUPPLEMENT`,
    ]));
    expect(answer.status).toBe(201);
    expect(answer.body.record.results.map((r: any) => [r.csvLine, r.status, r.reasonCode])).toEqual([
      [2, 'POSTED', null],
      [3, 'REJECTED', 'NOT_ELIGIBLE'],
      [4, 'REJECTED', 'AMOUNT_EXCEEDS_STANDARD'],
    ]);
  });

  it('a CSV line that cannot be read is a 400 naming its line, and nothing is posted', async () => {
    const answer = await upload(`CSV-${runTag}-BAD`, csv([`C-${runTag}-9,${citizen},100,6222020000000001,REGULAR`, `C-${runTag}-10,not-an-id,100,6222020000000001,REGULAR`]));
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual([expect.objectContaining({ csvLine: 3, path: 'citizenId' })]);
    expect((await get(`/v1/disbursement-batches/CSV-${runTag}-BAD`, 'finance-system')).status).toBe(404);
  });

  it('an Excel "CSV UTF-8" file (byte-order mark, CRLF) with charset=utf-8 is posted line by line', async () => {
    const text = `\uFEFF${csv([`C-${runTag}-21,${citizen},30000,6222020000000001,REGULAR`, `C-${runTag}-22,${otherCitizen},100,6222020000000002,REGULAR`]).replace(/\n/g, '\r\n')}`;
    const answer = await upload(`CSV-${runTag}-BOM`, text, { 'content-type': 'text/csv; charset=utf-8' });
    expect(answer.status).toBe(201);
    expect(answer.body.record.results.map((r: any) => [r.csvLine, r.lineId])).toEqual([[2, `C-${runTag}-21`], [3, `C-${runTag}-22`]]);
  });

  it('a GB18030 file sent without its charset is refused CSV_ENCODING naming utf-8; with it, its columns are read', async () => {
    const asUtf8 = await upload(`CSV-${runTag}-GB`, gb18030Export);
    expect([asUtf8.status, asUtf8.body.error.code, asUtf8.body.error.details]).toEqual([400, 'CSV_ENCODING', { charset: 'utf-8' }]);
    const declared = await upload(`CSV-${runTag}-GB`, gb18030Export, {}, '&charset=gb18030');
    expect(declared.status).toBe(400);
    expect(declared.body.error.details.unknown).toEqual(['备注']);
    const viaHeader = await upload(`CSV-${runTag}-GB`, gb18030Export, { 'content-type': 'text/csv; charset=GBK' });
    expect(viaHeader.body.error.details.unknown).toEqual(['备注']);
    expect((await upload(`CSV-${runTag}-GB`, gb18030Export, { 'content-type': 'text/csv; charset=latin1' })).status).toBe(415);
    expect((await get(`/v1/disbursement-batches/CSV-${runTag}-GB`, 'finance-system')).status).toBe(404);
  });

  it('an Idempotency-Key reused for a different CSV file is a conflict, not the first answer', async () => {
    const key = { 'idempotency-key': `csv-${runTag}` };
    const first = await upload(`CSV-${runTag}-IDEM`, csv([`C-${runTag}-31,${citizen},100,6222020000000001,REGULAR`]), key);
    expect(first.status).toBe(201);
    const again = await upload(`CSV-${runTag}-IDEM`, csv([`C-${runTag}-31,${citizen},100,6222020000000001,REGULAR`]), key);
    expect(again.body).toEqual(first.body);
    const other = await upload(`CSV-${runTag}-IDEM`, csv([`C-${runTag}-31,${citizen},999,6222020000000001,REGULAR`]), key);
    expect([other.status, other.body.error.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
  });
});

describe('the life of an API key', () => {
  it('rotation replaces the key at once; revocation ends it until an admin reinstates the system on the chain; retirement ends it for good', async () => {
    const systemId = `life-${runTag}`;
    const registered = await post('/v1/systems', 'audit-admin', { systemId, name: 'life', roles: ['auditor'] });
    expect(registered.status).toBe(201);
    const first: KeyAt = { apiKey: registered.body.apiKey, url: urlFor('audit-admin') };
    expect((await withKey(first, 'GET', '/v1/programmes')).status).toBe(200);

    const rotated = await post(`/v1/systems/${systemId}/rotate-key`, 'audit-admin', {});
    expect(rotated.status).toBe(200);
    expect((await withKey(first, 'GET', '/v1/programmes')).status).toBe(401);
    const second: KeyAt = { apiKey: rotated.body.apiKey, url: first.url };
    expect((await withKey(second, 'GET', '/v1/programmes')).status).toBe(200);

    expect((await post(`/v1/systems/${systemId}/revoke-key`, 'audit-admin', {})).status).toBe(200);
    expect((await withKey(second, 'GET', '/v1/programmes')).status).toBe(401);
    expect((await get('/v1/systems', 'audit-admin')).body.systems.find((x: any) => x.systemId === systemId).status).toBe('REVOKED');
    // A rotation does not bring a revoked system back.
    expect((await post(`/v1/systems/${systemId}/rotate-key`, 'audit-admin', {})).body.error.code).toBe('INVALID_TRANSITION');

    const again = await post(`/v1/systems/${systemId}/reinstate`, 'audit-admin', {});
    expect(again.status).toBe(200);
    expect(again.body.record).toMatchObject({ status: 'ACTIVE', txId: again.body.txId });
    const third: KeyAt = { apiKey: again.body.apiKey, url: first.url };
    expect((await withKey(third, 'GET', '/v1/programmes')).status).toBe(200);
    const retired = await post(`/v1/systems/${systemId}/retire`, 'audit-admin', {});
    expect(retired.status).toBe(200);
    expect(retired.body.record.status).toBe('RETIRED');
    expect((await withKey(third, 'GET', '/v1/programmes')).status).toBe(401);
  });

  it("an admin cannot rotate another org's system key", async () => {
    const answer = await post('/v1/systems/finance-system/rotate-key', 'audit-admin', {});
    expect(answer.status).toBe(404);
    expect((await get('/v1/programmes', 'finance-system')).status).toBe(200);
  });
});

describe('the published API', () => {
  it('/openapi.json lists exactly the routes the gateway serves: each one answers, none is "no route"', async () => {
    const doc = (await get('/openapi.json')).body;
    const operations = Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods as object).map((m) => [m.toUpperCase(), p] as const));
    expect(operations.length).toBeGreaterThanOrEqual(30);
    for (const [method, p] of operations) {
      const concrete = p.replace(/\{[^}]+\}/g, 'X');
      const answer = await request(method, concrete, 'audit-system', method === 'GET' ? undefined : {});
      expect({ method, p, noRoute: /^no route/.test(answer.body?.error?.message ?? '') }).toEqual({ method, p, noRoute: false });
    }
    expect((await request('GET', '/v1/not-in-the-document', 'audit-system')).body.error.message).toMatch(/^no route/);
  });
});
