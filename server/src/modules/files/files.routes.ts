import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { DomainError, fieldError, validationError } from '../../platform/errors.js';
import { definePermissions, type NameSet } from '../../platform/permissions.js';
import { ROLE_NAMES } from '../../platform/roles.js';
import { callerOf } from '../../platform/caller.js';
import { FileIdParams, FileMeta, UploadQuery } from './files.schema.js';
import { attachmentDisposition, fileMeta, openFileForDownload, uploadFile } from './files.service.js';

export const FILE_PERMISSIONS = definePermissions({
  'file.upload': { zh: '上传文件', en: 'Upload files', roles: ROLE_NAMES },
  'file.read': { zh: '下载文件', en: 'Download files', roles: ROLE_NAMES },
});

declare module '../../platform/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionNames extends NameSet<typeof FILE_PERMISSIONS> {}
}

function notAForm(contentType: string | undefined) {
  const got = contentType?.split(';')[0].trim() || '（无）';
  return new DomainError('unsupported_file_type', {
    zh: `不支持的上传方式：请求内容类型为 ${got}，文件须以 multipart/form-data 表单的 file 字段上传`,
    en: `Unsupported upload: the request is ${got === '（无）' ? 'untyped' : got}; send the file as the file field of a multipart/form-data form`,
    params: { contentType: contentType ?? null },
    fields: [
      fieldError(
        'file',
        'not_multipart',
        '请以 multipart/form-data 表单的 file 字段上传文件',
        'Send the file as the file field of a multipart/form-data form',
      ),
    ],
  });
}

export async function filesRoutes(app: FastifyInstance, ctx: AppContext) {
  // multipart only in this scope: other modules keep JSON bodies
  await app.register(async (scope) => {
    await scope.register(multipart, {
      // one byte over the limit so the size meter, not a silent truncation, decides
      limits: { fileSize: ctx.config.maxUploadBytes + 1, files: 1, fields: 5, parts: 6 },
      // keep the name as sent, so a path in it (../../etc/passwd) is refused, not silently cut
      preservePath: true,
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/files',
      {
        config: { permission: 'file.upload' },
        // a body that is not a form (a raw JSON document, say) is refused for its type before it is
        // read, so its size never decides the answer (issue 10 §9)
        preParsing: async (req) => {
          // nobody signed in: the permission gate answers 401 first, whatever the body
          if (!req.actor) return;
          const type = req.headers['content-type'];
          if (!/^multipart\/form-data\b/i.test(type ?? '')) throw notAForm(type);
        },
        schema: {
          tags: ['files'],
          summary: '上传文件 Upload a file',
          description:
            'multipart/form-data，字段 file。类型按内容判定，扩展名须与内容一致。Type is checked by content; the extension must agree.',
          consumes: ['multipart/form-data'],
          querystring: UploadQuery,
          response: { 201: FileMeta },
        },
      },
      async (req, reply) => {
        const part = await req.file().catch((e: { code?: string }) => {
          if (e?.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return undefined;
          throw e;
        });
        if (!part)
          throw validationError([
            fieldError('file', 'required', '请选择要上传的文件', 'Choose a file to upload'),
          ]);
        try {
          const meta = await uploadFile(ctx, callerOf(ctx, req), {
            stream: part.file,
            filename: part.filename,
            purpose: req.query.purpose,
            truncated: () => part.file.truncated,
          });
          return reply.status(201).send(meta);
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'payload_too_large' || part.file.truncated) {
            throw new DomainError('payload_too_large', {
              zh: `文件过大，单个文件不得超过 ${formatMb(ctx.config.maxUploadBytes)}`,
              en: `The file is too large; the limit is ${formatMb(ctx.config.maxUploadBytes)}`,
              params: { maxBytes: ctx.config.maxUploadBytes },
            });
          }
          throw e;
        }
      },
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/files/:id',
    {
      config: { permission: 'file.read' },
      schema: {
        tags: ['files'],
        summary: '下载文件 Download a file',
        params: FileIdParams,
        response: { 200: z.any().describe('文件内容（附件） The file, as an attachment') },
      },
    },
    async (req, reply) => {
      const { file, stream } = await openFileForDownload(ctx, callerOf(ctx, req), req.params.id);
      reply
        .header('content-type', file.mime)
        .header('content-length', String(file.size))
        .header('content-disposition', attachmentDisposition(file.original_name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox");
      return reply.send(stream);
    },
  );

  r.get(
    '/files/:id/meta',
    {
      config: { permission: 'file.read' },
      schema: {
        tags: ['files'],
        summary: '文件信息 File metadata',
        params: FileIdParams,
        response: { 200: FileMeta },
      },
    },
    async (req) => fileMeta(ctx, callerOf(ctx, req), req.params.id),
  );
}

function formatMb(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
