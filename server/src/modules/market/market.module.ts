import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import './market.tables.js';
import './market.permissions.js';
import { matchingOf } from '../matching/matching.service.js';
import { matchingRoutes } from '../matching/matching.routes.js';
import { achievementRoutes } from './achievement.routes.js';
import { needRoutes } from './need.routes.js';
import { solutionRoutes } from './solution.routes.js';
import { challengeRoutes } from './challenge.routes.js';

/**
 * The technology market (issue 4): achievements, needs, solutions, challenges, funnel, and the
 * search & matching API. Starts the matching service (snapshot restore or build) with the app and
 * writes a snapshot when the app closes.
 */
export async function marketRoutes(app: FastifyInstance, ctx: AppContext) {
  const matching = await matchingOf(ctx, (m) => app.log.info(m));
  app.addHook('onClose', async () => {
    await matching.close();
    if (ctx.services.matching === matching) delete ctx.services.matching;
  });
  await achievementRoutes(app, ctx);
  await needRoutes(app, ctx);
  await solutionRoutes(app, ctx);
  await challengeRoutes(app, ctx);
  await matchingRoutes(app, ctx);
}
