import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import './review.permissions.js';
import { roundRoutes } from './round.routes.js';
import { noticeRoutes } from './notice.routes.js';
import { panelRoutes } from './panel.routes.js';
import { exportRoutes } from './export.routes.js';
import { fundingPlanRoutes } from './funding-plan.routes.js';

/**
 * Expert review (issue 12): rounds, assignments and score sheets (round.routes.ts), the panel round's
 * sessions and the final ranking (panel.routes.ts), the funding plan (funding-plan.routes.ts). The public
 * notice, objections and award register their routes here too (notice.routes.ts).
 */
export async function reviewModule(app: FastifyInstance, ctx: AppContext) {
  await roundRoutes(app, ctx);
  await panelRoutes(app, ctx);
  await exportRoutes(app, ctx);
  await fundingPlanRoutes(app, ctx);
  await noticeRoutes(app, ctx);
}
