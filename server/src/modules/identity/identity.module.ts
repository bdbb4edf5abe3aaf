// TEMPORARY placeholder until the identity module lands: nobody is signed in.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/roles.js';

export function createActorResolver(_ctx: AppContext) {
  return async (_req: FastifyRequest): Promise<Actor | null> => null;
}

export async function identityRoutes(_app: FastifyInstance, _ctx: AppContext) {}
