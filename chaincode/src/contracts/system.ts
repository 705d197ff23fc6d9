import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { canonicalJson } from '../lib/canonical-json';
import { LedgerError } from '../lib/ledger-error';
import { ledgerId, registrationSchema, systemUpdateSchema } from '../lib/inputs';
import { arg, parseJsonArg } from '../model/validate';
import { requireRegistrar, requireMember } from '../rules/roles';
import { register, reinstate, retire, revoke, update } from '../rules/system';
import { Ledger } from '../state/ledger';
import { callerOf, stampOf } from './caller';

/** The system registry ("entering the chain"): an org (admin or gateway) registers, updates and retires its own systems. */
@Info({ title: 'system', description: 'Registry of business systems and their roles' })
export class SystemContract extends Contract {
  constructor() {
    super('system');
  }

  @Transaction()
  @Returns('string')
  async RegisterSystem(ctx: Context, systemJson: string): Promise<string> {
    const input = parseJsonArg(systemJson, registrationSchema, 'system');
    const caller = await callerOf(ctx);
    requireRegistrar(caller);
    const ledger = new Ledger(ctx.stub);
    const system = register(await ledger.get('system', input.systemId), input, caller, stampOf(ledger, caller));
    await ledger.put('system', system);
    ledger.publish();
    return canonicalJson(system);
  }

  @Transaction()
  @Returns('string')
  async UpdateSystem(ctx: Context, updateJson: string): Promise<string> {
    const input = parseJsonArg(updateJson, systemUpdateSchema, 'system');
    const caller = await callerOf(ctx);
    requireRegistrar(caller);
    const ledger = new Ledger(ctx.stub);
    const system = update(await ledger.get('system', input.systemId), input, caller, stampOf(ledger, caller));
    await ledger.put('system', system);
    ledger.publish();
    return canonicalJson(system);
  }

  @Transaction()
  @Returns('string')
  async RetireSystem(ctx: Context, systemId: string): Promise<string> {
    const systemIdArg = arg(ledgerId, systemId, 'systemId');
    const caller = await callerOf(ctx);
    requireRegistrar(caller);
    const ledger = new Ledger(ctx.stub);
    const system = retire(await ledger.get('system', systemIdArg), systemIdArg, caller, stampOf(ledger, caller));
    await ledger.put('system', system);
    ledger.publish();
    return canonicalJson(system);
  }

  @Transaction()
  @Returns('string')
  async RevokeSystem(ctx: Context, systemId: string): Promise<string> {
    return this.changeStatus(ctx, systemId, revoke);
  }

  @Transaction()
  @Returns('string')
  async ReinstateSystem(ctx: Context, systemId: string): Promise<string> {
    return this.changeStatus(ctx, systemId, reinstate);
  }

  @Transaction(false)
  @Returns('string')
  async ReadSystem(ctx: Context, systemId: string): Promise<string> {
    requireMember(await callerOf(ctx));
    const system = await new Ledger(ctx.stub).get('system', arg(ledgerId, systemId, 'systemId'));
    if (!system) throw new LedgerError('NOT_FOUND', `system ${systemId} is not registered`);
    return canonicalJson(system);
  }

  /** Every registered system (all orgs, ACTIVE and RETIRED), by systemId. */
  @Transaction(false)
  @Returns('string')
  async ListSystems(ctx: Context): Promise<string> {
    requireMember(await callerOf(ctx));
    return canonicalJson(await new Ledger(ctx.stub).list('system'));
  }

  private async changeStatus(ctx: Context, systemId: string, rule: typeof revoke): Promise<string> {
    const systemIdArg = arg(ledgerId, systemId, 'systemId');
    const caller = await callerOf(ctx);
    requireRegistrar(caller);
    const ledger = new Ledger(ctx.stub);
    const system = rule(await ledger.get('system', systemIdArg), systemIdArg, caller, stampOf(ledger, caller));
    await ledger.put('system', system);
    ledger.publish();
    return canonicalJson(system);
  }
}
