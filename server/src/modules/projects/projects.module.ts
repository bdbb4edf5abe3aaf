import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import './projects.tables.js';
import './projects.permissions.js';
import './agreement.workflow.js';
import './tranche.workflow.js';
import { projectsRoutes } from './projects.routes.js';

/**
 * The projects module as server/src/app.ts registers it (its MODULES list): the routes, and the
 * events it listens to (`onEvent(ctx, 'other.changed', …)` of platform/events.ts) when it has any.
 */
export async function projectsModule(app: FastifyInstance, ctx: AppContext) {
  await projectsRoutes(app, ctx);
}
