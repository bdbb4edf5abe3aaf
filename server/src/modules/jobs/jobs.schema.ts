import { z } from 'zod';

export const QueueCounts = z.object({
  name: z.string(),
  created: z.number().int(),
  retry: z.number().int(),
  active: z.number().int(),
  completed: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
});

export const QueuesView = z.object({
  running: z.boolean().describe('本进程是否在执行任务 Whether this process works jobs'),
  installed: z.boolean(),
  queues: z.array(QueueCounts),
});

export const DeadJob = z.object({
  id: z.string().uuid(),
  queue: z.string().describe('原队列 The queue the job failed in'),
  data: z.unknown().describe('任务数据（个人信息已脱敏） Job data, personal fields masked'),
  error: z.string().nullable(),
  attempts: z.number().int(),
  failedAt: z.string(),
});

export const DeadJobPage = z.object({ items: z.array(DeadJob), total: z.number().int() });

export const DeadJobQuery = z.object({
  queue: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const DeadJobParams = z.object({ id: z.string().uuid() });
export const RetryResult = z.object({ queue: z.string(), jobId: z.string().nullable() });
