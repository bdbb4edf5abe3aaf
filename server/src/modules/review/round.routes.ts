import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';

/** The review rounds' routes for staff and experts (filled in by the round services). */
export async function roundRoutes(_app: FastifyInstance, _ctx: AppContext) {}
