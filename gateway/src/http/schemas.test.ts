/**
 * The gateway accepts exactly what the ledger accepts: every edge value of the table the
 * chaincode's own tests use (chaincode/src/testing/input-cases.ts) is fed to the chaincode's
 * argument parsing and to the request schema of the same input, and both must give the same
 * verdict, naming the same field when they refuse.
 */
import type { z } from 'zod';
import { LedgerError } from '@welfare-ledger/chaincode/lib';
import { parseJsonArg } from '../../../chaincode/src/model/validate';
import { changed, INPUT_KINDS } from '../../../chaincode/src/testing/input-cases';
import {
  accessEventInput,
  batchInput,
  deathInput,
  disbursementLineInput,
  eligibilityGrantInput,
  eligibilityReinstateInput,
  eligibilityRevokeInput,
  eligibilitySuspendInput,
  eligibilityTransferInput,
  programmeInput,
  programmeUpdate,
  recoveryInput,
  settlementInput,
  systemInput,
} from './schemas';

const REQUEST_SCHEMAS: Record<keyof typeof INPUT_KINDS, z.ZodType> = {
  accessEvent: accessEventInput,
  programme: programmeInput,
  programmeUpdate,
  grant: eligibilityGrantInput,
  suspension: eligibilitySuspendInput,
  reinstatement: eligibilityReinstateInput,
  revocation: eligibilityRevokeInput,
  transfer: eligibilityTransferInput,
  death: deathInput,
  line: disbursementLineInput,
  batch: batchInput,
  settlement: settlementInput,
  recovery: recoveryInput,
  system: systemInput,
};

/** The request's own names for what the ledger knows only as pseudonyms. */
const LEDGER_NAMES: Record<string, string> = { citizenId: 'subjectRef', bankAccount: 'accountRef' };

type Verdict = { accepted: true } | { accepted: false; field: string };

/** The chaincode's verdict, from the JSON text a transaction carries. */
function ledgerVerdict(schema: z.ZodType, argName: string, input: object): Verdict {
  try {
    parseJsonArg(JSON.stringify(input), schema, argName);
    return { accepted: true };
  } catch (err) {
    if (!(err instanceof LedgerError)) throw err;
    const field = (err.details as { field: string }).field.slice(argName.length);
    return { accepted: false, field: field.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '') };
  }
}

/** The gateway's verdict, on the body as its JSON parser hands it over. */
function gatewayVerdict(schema: z.ZodType, body: object): Verdict {
  const parsed = schema.safeParse(JSON.parse(JSON.stringify(body)));
  if (parsed.success) return { accepted: true };
  const issue = parsed.error.issues[0];
  const keys = issue.code === 'unrecognized_keys' ? [issue.keys[0]] : [];
  return { accepted: false, field: [...issue.path, ...keys].map((part) => LEDGER_NAMES[String(part)] ?? String(part)).join('.') };
}

describe('the gateway refuses exactly what the ledger refuses', () => {
  describe.each(Object.entries(INPUT_KINDS))('%s', (kind, { schema, argName, ledger, request, cases }) => {
    const requestSchema = REQUEST_SCHEMAS[kind];

    it('the valid input is valid on both sides', () => {
      expect(gatewayVerdict(requestSchema, request)).toEqual({ accepted: true });
      expect(ledgerVerdict(schema, argName, ledger)).toEqual({ accepted: true });
    });

    it.each(cases)('with $name: accepted $accepted on both sides, at the same field', ({ change, accepted }) => {
      const gateway = gatewayVerdict(requestSchema, changed(request, change));
      expect(gateway.accepted).toBe(accepted);
      expect(gateway).toEqual(ledgerVerdict(schema, argName, changed(ledger, change)));
    });
  });

  it('every input the table covers has a request schema, and every case table is there', () => {
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual(Object.keys(INPUT_KINDS).sort());
  });

  it('an access event names its subject once: a citizen ID or a subjectRef', () => {
    const { subjectRef: _ref, ...noSubject } = INPUT_KINDS.accessEvent.request;
    expect(accessEventInput.safeParse(noSubject).success).toBe(false);
    expect(accessEventInput.safeParse({ ...INPUT_KINDS.accessEvent.request, citizenId: '11010519491231002X' }).success).toBe(false);
  });

  it('a request holding a subjectRef where the gateway expects a citizen ID is refused, naming citizenId', () => {
    const { citizenId: _id, ...body } = INPUT_KINDS.line.request;
    const parsed = disbursementLineInput.safeParse({ ...body, subjectRef: 'a'.repeat(64) });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.') || issue.code)).toEqual(['citizenId', 'unrecognized_keys']);
  });
});
