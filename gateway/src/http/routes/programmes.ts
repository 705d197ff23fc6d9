import type Router from '@koa/router';
import type { Services } from '../../services/context';
import { createProgramme, listProgrammes, readProgramme } from '../../services/programmes';
import { requireRole } from '../middleware/auth';
import { programmeInput } from '../schemas';
import { parse } from '../validate';

const readers = requireRole('civil-affairs', 'finance', 'auditor', 'inspector');

export function programmeRoutes(router: Router, s: Services): void {
  router.post('/v1/programmes', requireRole('civil-affairs'), async (ctx) => {
    const receipt = await createProgramme(s, ctx.state.caller, parse(programmeInput, ctx.request.body));
    ctx.state.txId = receipt.txId;
    ctx.status = 201;
    ctx.body = receipt;
  });

  router.get('/v1/programmes', readers, async (ctx) => {
    ctx.body = { programmes: await listProgrammes(s, ctx.state.caller) };
  });

  router.get('/v1/programmes/:id', readers, async (ctx) => {
    ctx.body = await readProgramme(s, ctx.state.caller, ctx.params.id);
  });
}
