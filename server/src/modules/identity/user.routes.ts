import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import { callerOf } from '../../platform/caller.js';
import { IdParams } from './org.schema.js';
import {
  CreateUserBody,
  CreateUserResult,
  PatchUserBody,
  ResetPasswordResult,
  SetRolesBody,
  User,
  UserPage,
  UserQuery,
} from './user.schema.js';
import {
  createUserFor,
  getUser,
  listUsersFor,
  patchUser,
  resetPassword,
  resetTotp,
  setUserRoles,
  unlockUser,
} from './user.service.js';

const tags = ['users'];
const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

export async function userRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/users',
    {
      config: { permission: 'user.read' },
      schema: {
        tags,
        summary: '用户列表（身份证号、手机号脱敏）Users (ID numbers and phones masked)',
        querystring: UserQuery,
        response: { 200: UserPage, ...problems },
      },
    },
    async (req) => listUsersFor(ctx, callerOf(ctx, req), req.query),
  );
  r.post(
    '/users',
    {
      config: { permission: 'user.create', idempotency: false },
      schema: {
        tags,
        summary: '新建用户 Create a user',
        body: CreateUserBody,
        response: { 201: CreateUserResult, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await createUserFor(ctx, callerOf(ctx, req), req.body)),
  );
  r.get(
    '/users/:id',
    {
      config: { permission: 'user.read' },
      schema: { tags, summary: '用户详情 A user', params: IdParams, response: { 200: User, ...problems } },
    },
    async (req) => getUser(ctx, callerOf(ctx, req), req.params.id),
  );
  r.patch(
    '/users/:id',
    {
      config: { permission: 'user.update' },
      schema: {
        tags,
        summary: '修改用户、角色或状态 Edit a user, their roles or status',
        params: IdParams,
        body: PatchUserBody,
        response: { 200: User, ...problems },
      },
    },
    async (req) => patchUser(ctx, callerOf(ctx, req), req.params.id, req.body),
  );
  r.put(
    '/users/:id/roles',
    {
      config: { permission: 'user.grantRoles' },
      schema: {
        tags,
        summary: '授予或收回角色 Grant or remove roles',
        params: IdParams,
        body: SetRolesBody,
        response: { 200: User, ...problems },
      },
    },
    async (req) => setUserRoles(ctx, callerOf(ctx, req), req.params.id, req.body),
  );
  r.post(
    '/users/:id/reset-password',
    {
      config: { permission: 'user.resetPassword' },
      schema: {
        tags,
        summary: '重置密码（返回一次性初始密码）Reset the password (initial password shown once)',
        params: IdParams,
        response: { 200: ResetPasswordResult, ...problems },
      },
    },
    async (req) => resetPassword(ctx, callerOf(ctx, req), req.params.id),
  );
  r.post(
    '/users/:id/reset-totp',
    {
      config: { permission: 'user.resetTotp' },
      schema: {
        tags,
        summary: '重置两步验证（丢失身份验证器）Reset two-factor authentication (lost authenticator)',
        params: IdParams,
        response: { 200: User, ...problems },
      },
    },
    async (req) => resetTotp(ctx, callerOf(ctx, req), req.params.id),
  );
  r.post(
    '/users/:id/unlock',
    {
      config: { permission: 'user.unlock' },
      schema: {
        tags,
        summary: '解除锁定 Unlock an account',
        params: IdParams,
        response: { 200: User, ...problems },
      },
    },
    async (req) => unlockUser(ctx, callerOf(ctx, req), req.params.id),
  );
}
