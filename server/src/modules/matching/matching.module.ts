import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { onEvent } from '../../platform/events.js';
import '../market/index.js';
import { matchingOf } from './matching.service.js';
import { matchingRoutes } from './matching.routes.js';

/**
 * Search and matching over the market's records: starts the matching service (snapshot restore or
 * build) with the app, refreshes the index when the market announces committed changes
 * (`market.changed`), and writes a snapshot when the app closes.
 */
export async function matchingModule(app: FastifyInstance, ctx: AppContext) {
  const matching = await matchingOf(ctx, (m) => app.log.info(m));
  const off = onEvent(ctx, 'market.changed', async (changes) => {
    await (await matchingOf(ctx)).refresh(changes);
  });
  app.addHook('onClose', async () => {
    off();
    await matching.close();
    if (ctx.services.matching === matching) delete ctx.services.matching;
  });
  await matchingRoutes(app, ctx);
}
