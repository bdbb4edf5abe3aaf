import { z } from 'zod';
import { Label } from './common.schema.js';

const Stages = z.object({
  published: z.number().int(),
  answered: z.number().int(),
  shortlisted: z.number().int(),
  introduced: z.number().int(),
  signed: z.number().int(),
  signedAmountFen: z.number(),
});
const Ratio = z.number().nullable();
export const Funnel = z
  .object({
    scope: z.object({
      needId: z.string().nullable(),
      field: z.string().nullable(),
      challengeId: z.string().nullable(),
      from: z.string().nullable(),
      to: z.string().nullable(),
    }),
    needs: Stages.describe(
      'needs reaching each stage (a need counts once, at the furthest of its solutions)',
    ),
    solutions: z.object({
      answered: z.number().int(),
      shortlisted: z.number().int(),
      introduced: z.number().int(),
      signed: z.number().int(),
    }),
    conversions: z.object({ answered: Ratio, shortlisted: Ratio, introduced: Ratio, signed: Ratio }),
    matchRate: z.object({
      numerator: z.number().int(),
      denominator: z.number().int(),
      value: Ratio.describe('numerator ÷ denominator, 4 decimals; null when nothing is published'),
      definition: Label,
      benchmark: z.object({ value: z.number(), zh: z.string(), en: z.string() }),
    }),
    rejectReasons: z.array(
      z.object({ reason: z.string().nullable(), label: Label.nullable(), count: z.number().int() }),
    ),
  })
  .meta({ id: 'MarketFunnel' });

export const FunnelQuery = z.object({
  field: z.string().max(40).optional(),
  challengeId: z.string().optional(),
  from: z.iso.date().optional().describe('published on or after (YYYY-MM-DD)'),
  to: z.iso.date().optional().describe('published before (YYYY-MM-DD)'),
});
