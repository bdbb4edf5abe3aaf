import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import './identity.tables.js';
import './identity.permissions.js';
import { authRoutes } from './auth.routes.js';
import { orgRoutes } from './org.routes.js';
import { userRoutes } from './user.routes.js';
import { oidcRoutes } from './oidc.routes.js';

/**
 * Identity and access (issue 2): organisations with 统一社会信用代码, users and roles, password
 * sign-in with a per-name + IP back-off and 忘记密码, TOTP, sessions in an httpOnly cookie, re-authentication, 一网通办 OIDC.
 */
export { createActorResolver, registerIdentityJobs } from './session.service.js';

export async function identityRoutes(app: FastifyInstance, ctx: AppContext) {
  await authRoutes(app, ctx);
  await orgRoutes(app, ctx);
  await userRoutes(app, ctx);
  await oidcRoutes(app, ctx);
}
