/** The public page of a published call: the guide with every rule described in zh and en. */
import type { AnyCaller } from '../../platform/caller.js';
import type { AppContext } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { derivedRules, describeRule } from './call.rules.js';
import type { Rule } from './rule.schema.js';
import { findCall } from './calls.repo.js';
import { loadCall, summary } from './calls.service.js';
import { isCallPublic } from './call.workflow.js';

function described(rule: Rule) {
  return {
    id: rule.id,
    label: rule.label,
    labelEn: rule.labelEn,
    kind: rule.kind,
    severity: rule.severity ?? 'error',
    ...(rule.source ? { source: rule.source } : {}),
    description: { zh: describeRule(rule, 'zh'), en: describeRule(rule, 'en') },
  };
}

/** The public page of a published (or closed) call; drafts are never shown. */
export async function getPublicCall(ctx: AppContext, caller: AnyCaller, id: string) {
  const row = await findCall(ctx.db, id);
  if (!row || !isCallPublic(row.status))
    throw new DomainError('not_found', { zh: '申报指南不存在或尚未发布', en: 'No such published call' });
  const { call } = await loadCall(ctx, id);
  return {
    ...summary(row, caller.now),
    call: call as unknown as Record<string, unknown>,
    commonRules: call.commonEligibility.map(described),
    directions: call.topics.flatMap((t) =>
      t.directions.map((d) => ({
        topicCode: t.code,
        code: d.code,
        title: d.title,
        needsDistrictRecommendation: d.needsDistrictRecommendation,
        rules: [...d.eligibility, ...derivedRules(call, d).map((x) => x.rule)].map(described),
      })),
    ),
  };
}
