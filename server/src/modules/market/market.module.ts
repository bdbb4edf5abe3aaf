import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import './market.tables.js';
import './market.permissions.js';
import { achievementRoutes } from './achievement.routes.js';
import { needRoutes } from './need.routes.js';
import { solutionRoutes } from './solution.routes.js';
import { challengeRoutes } from './challenge.routes.js';

/**
 * The technology market (issue 4): achievements, needs, solutions, challenges, funnel. Search and
 * matching over these records is the matching module, which listens to `market.changed`.
 */
export async function marketRoutes(app: FastifyInstance, ctx: AppContext) {
  await achievementRoutes(app, ctx);
  await needRoutes(app, ctx);
  await solutionRoutes(app, ctx);
  await challengeRoutes(app, ctx);
}
