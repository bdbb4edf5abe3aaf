import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import './types.js';
import type { AppContext } from '../context.js';
import { DomainError } from '../errors.js';
import {
  AUTHENTICATED,
  PUBLIC,
  actorHas,
  isKnownPermission,
  isSensitive,
  proofIsStale,
  permissionDef,
  type RoutePermission,
} from '../permissions.js';
import type { Actor } from '../roles.js';
import { roleRequiresMfa } from '../roles.js';
import { auditEvent } from '../audit.js';
import { auditActor, callerOf } from '../caller.js';
import { LOG_REDACT_PATHS } from '../mask.js';
import { SAFE_LOG_OPTIONS } from '../log.js';
import { frameworkErrorProblem, installProblemHandler } from './problem.js';
import { installIdempotency } from './idempotency.js';
import { installSecurityHeaders } from './security-headers.js';
import { installTextInputCheck } from './text-input.js';
import { installCrossSiteCheck } from './cross-site.js';
import { installPersonalMasking } from './personal.js';

export type App = FastifyInstance;
export type ZApp = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;

export interface HttpOptions {
  /** Resolves the session cookie to an actor (identity module); null when not signed in. */
  resolveActor: (req: FastifyRequest) => Promise<Actor | null>;
  /** Route plugins of the modules, registered under /api. */
  modules: Array<(app: FastifyInstance, ctx: AppContext) => Promise<void> | void>;
  /** Built web client to serve at /, if present. */
  webDir?: string;
  logger?: boolean;
  /** Where the log goes (default stdout). */
  logStream?: LogStream;
}

export interface LogStream {
  write(line: string): void;
}

export interface RouteEntry {
  method: string;
  url: string;
  permission?: RoutePermission;
  reauth?: boolean;
  /** The route's permission is sensitive: the gate needs a fresh proof of identity. */
  sensitive?: boolean;
}
const routeTables = new WeakMap<FastifyInstance, RouteEntry[]>();
/** Every route the app registered, with its declared permission (for the route × role matrix). */
export function routeTable(app: FastifyInstance): RouteEntry[] {
  return routeTables.get(app) ?? [];
}

/** Routes that need no permission declaration: docs and static files. */
const UNDECLARED_OK = [
  /^\/api\/docs/,
  /^\/api\/openapi\.json$/,
  /^\/$/,
  /^\/\*$/,
  /^\/assets/,
  /^\/[^/]+\.(html|svg|ico|png|txt|webmanifest)$/,
];

export async function buildHttpApp(ctx: AppContext, opts: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: ctx.config.logLevel,
            redact: LOG_REDACT_PATHS,
            ...SAFE_LOG_OPTIONS,
            ...(opts.logStream ? { stream: opts.logStream } : {}),
          },
    // Only named proxies may set the client address (X-Forwarded-For): the login throttle and audit use it.
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    frameworkErrors: frameworkErrorProblem,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandler(app, ctx.db);

  const undeclared: string[] = [];
  const table: RouteEntry[] = [];
  routeTables.set(app, table);
  app.addHook('onRoute', (route) => {
    const perm = route.config?.permission;
    for (const m of [route.method].flat()) {
      if (m !== 'HEAD')
        table.push({
          method: m,
          url: route.url,
          permission: perm,
          reauth: route.config?.reauth,
          sensitive: !!perm && isSensitive(perm),
        });
    }
    if (route.url && UNDECLARED_OK.some((r) => r.test(route.url))) return;
    if (!perm) undeclared.push(`${route.method} ${route.url}: no permission declared`);
    else if (!isKnownPermission(perm))
      undeclared.push(`${route.method} ${route.url}: unknown permission ${perm}`);
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'TransferOne 科转通 API',
        version: '0.1.0',
        description:
          '科技成果转移转化服务体系平台接口。Errors are application/problem+json with zh-CN and en messages and every invalid field.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sid' } },
      },
      security: [{ session: [] }],
    },
    transform: (args: any) => {
      const out = jsonSchemaTransform(args);
      const perm = args.route?.config?.permission as string | undefined;
      if (perm) {
        const def = permissionDef(perm);
        (out.schema as any)['x-permission'] = perm;
        const label = def ? `${def.zh} / ${def.en}` : perm;
        (out.schema as any).description = [
          (out.schema as any).description,
          `权限 Permission: \`${perm}\` (${label})`,
        ]
          .filter(Boolean)
          .join('\n\n');
      }
      return out;
    },
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    req.actor = req.url.startsWith('/api/') ? await opts.resolveActor(req) : null;
  });
  installCrossSiteCheck(app, ctx);
  // Permission gate: state and ownership are checked again by each service's policy.
  app.addHook('preValidation', async (req) => {
    const cfg = req.routeOptions.config;
    const perm = cfg?.permission;
    if (!perm || perm === PUBLIC) return;
    const actor = req.actor;
    if (!actor) throw new DomainError('unauthenticated');
    if (!actor.mfaVerified && roleRequiresMfa(actor.roles) && !cfg.allowWithoutMfa) {
      throw new DomainError('mfa_enrolment_required');
    }
    if (actor.mustChangePassword && !cfg.duringPasswordChange) {
      throw new DomainError('password_change_required');
    }
    if (perm !== AUTHENTICATED && !actorHas(actor, perm)) {
      const def = permissionDef(perm);
      await auditEvent(ctx.db, {
        actor: auditActor(callerOf(ctx, req)),
        action: 'permission.denied',
        objectType: 'route',
        objectId: `${req.method} ${req.routeOptions.url}`,
        result: 'denied',
        detail: { permission: perm },
      });
      throw new DomainError('forbidden', {
        zh: `您没有“${def?.zh ?? perm}”的权限`,
        en: `You do not have the permission “${def?.en ?? perm}”`,
        params: { permission: perm },
      });
    }
    // A sensitive permission (or a route marked `reauth`) needs a fresh password/TOTP proof.
    if ((cfg.reauth || isSensitive(perm)) && proofIsStale(actor, ctx.now(), ctx.config.reauthMs)) {
      throw new DomainError('reauth_required');
    }
  });
  installTextInputCheck(app);
  installIdempotency(app, ctx.db);
  installSecurityHeaders(app);
  installPersonalMasking(app);

  await app.register(
    async (api) => {
      for (const m of opts.modules) await m(api, ctx);
    },
    { prefix: '/api' },
  );
  app.get('/api/openapi.json', { schema: { hide: true }, config: { permission: PUBLIC } }, async () =>
    app.swagger(),
  );

  if (opts.webDir && fs.existsSync(path.join(opts.webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: opts.webDir, wildcard: false });
    app.get('/*', { schema: { hide: true }, config: { permission: PUBLIC } }, (req, reply) => {
      if (req.url.startsWith('/api/')) throw new DomainError('not_found');
      return reply.type('text/html').sendFile('index.html');
    });
  }

  await app.ready();
  if (undeclared.length) {
    throw new Error(
      `Routes without a valid permission (add config.permission):\n  ${undeclared.join('\n  ')}`,
    );
  }
  return app;
}

export type { ZodTypeProvider };
