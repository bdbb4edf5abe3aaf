import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import './experts.permissions.js';
import { expertsRoutes } from './experts.routes.js';

/** The expert pool (专家库): the staff routes. Matching and challenges use the pool through index.ts. */
export async function expertsModule(app: FastifyInstance, ctx: AppContext) {
  await expertsRoutes(app, ctx);
}
