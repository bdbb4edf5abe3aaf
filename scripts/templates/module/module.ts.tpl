import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import './__name__.tables.js';
import './__name__.permissions.js';
import { __name__Routes } from './__name__.routes.js';

/**
 * The __name__ module as server/src/app.ts registers it (its MODULES list): the routes, and the
 * events it listens to (`onEvent(ctx, 'other.changed', …)` of platform/events.ts) when it has any.
 */
export async function __name__Module(app: FastifyInstance, ctx: AppContext) {
  await __name__Routes(app, ctx);
}
