import { Context, Contract, Default, Info, Returns, Transaction } from 'fabric-contract-api';
import { canonicalJson } from '../lib/canonical-json';
import { LedgerError } from '../lib/ledger-error';
import { programmeIdInput, programmeSchema, programmeUpdateSchema } from '../lib/inputs';
import { arg, parseJsonArg } from '../model/validate';
import { createProgramme, updateProgramme } from '../rules/programme';
import { requireMember, requireWriter } from '../rules/roles';
import { Ledger } from '../state/ledger';
import { callerOf, stampOf } from './caller';
import { historyPaging } from './paging';

@Info({ title: 'programme', description: 'Subsidy programmes: names, monthly cap, owner organisation' })
@Default()
export class ProgrammeContract extends Contract {
  constructor() {
    super('programme');
  }

  @Transaction()
  @Returns('string')
  async CreateProgramme(ctx: Context, programmeJson: string): Promise<string> {
    const input = parseJsonArg(programmeJson, programmeSchema, 'programme');
    const caller = await callerOf(ctx);
    requireWriter(caller, 'programmes');
    const ledger = new Ledger(ctx.stub);
    const programme = createProgramme(await ledger.get('programme', input.id), input, stampOf(ledger, caller));
    await ledger.put('programme', programme);
    ledger.publish();
    return canonicalJson(programme);
  }

  @Transaction()
  @Returns('string')
  async UpdateProgramme(ctx: Context, updateJson: string): Promise<string> {
    const update = parseJsonArg(updateJson, programmeUpdateSchema, 'programme');
    const caller = await callerOf(ctx);
    requireWriter(caller, 'programmes');
    const ledger = new Ledger(ctx.stub);
    const programme = updateProgramme(await ledger.get('programme', update.id), update, stampOf(ledger, caller));
    await ledger.put('programme', programme);
    ledger.publish();
    return canonicalJson(programme);
  }

  @Transaction(false)
  @Returns('string')
  async ReadProgramme(ctx: Context, id: string): Promise<string> {
    requireMember(await callerOf(ctx));
    const programme = await new Ledger(ctx.stub).get('programme', arg(programmeIdInput, id, 'id'));
    if (!programme) throw new LedgerError('NOT_FOUND', `programme ${id} does not exist`);
    return canonicalJson(programme);
  }

  @Transaction(false)
  @Returns('string')
  async ListProgrammes(ctx: Context): Promise<string> {
    requireMember(await callerOf(ctx));
    // Key order is id order: ids are ASCII and the separator U+0000 sorts first.
    return canonicalJson(await new Ledger(ctx.stub).list('programme'));
  }

  /** Every version of a programme (Fabric returns newest first). */
  @Transaction(false)
  @Returns('string')
  async ProgrammeHistory(ctx: Context, id: string, pageSize: string, bookmark: string): Promise<string> {
    requireMember(await callerOf(ctx));
    const paging = historyPaging(pageSize, bookmark);
    const page = await new Ledger(ctx.stub).history('programme', [arg(programmeIdInput, id, 'id')], paging.pageSize, paging.offset);
    return canonicalJson(page);
  }
}
