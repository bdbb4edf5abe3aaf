/**
 * One generic test over every registered workflow (issue 9, "One workflow shape"): each transition's
 * permission and roles exist in the registry (permissions.ts, roles.ts), no state is unreachable, every
 * non-terminal state has a way out, every label and every refusal has zh and en text. Database-free.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLE_NAMES } from './roles.js';
import type { PermissionName } from './permissions.js';
import { allWorkflows, defineWorkflow, workflowProblems } from './workflow.js';

const modules = join(dirname(fileURLToPath(import.meta.url)), '..', 'modules');

beforeAll(async () => {
  // every module's permissions first, then every workflow file (a workflow registers itself when loaded)
  for (const suffix of ['.permissions.ts', '.workflow.ts'])
    for (const m of readdirSync(modules))
      for (const f of readdirSync(join(modules, m)).filter((x) => x.endsWith(suffix)))
        await import(join(modules, m, f));
});

describe('every registered workflow', () => {
  it('includes the four market lifecycles, the call and the application', () => {
    expect(allWorkflows().map((w) => w.name)).toEqual(
      expect.arrayContaining([
        'market.achievement',
        'market.challenge',
        'market.need',
        'market.solution',
        'calls.call',
        'applications.application',
      ]),
    );
  });

  it('has permissions and roles that exist, reachable states, a way out of each non-terminal state, zh and en text', () => {
    expect(allWorkflows().flatMap(workflowProblems)).toEqual([]);
  });

  it('gives every refusal a code and zh and en text, for an actor of every role and of none', () => {
    const actors = [
      { userId: 'u-stranger', orgId: 'o-stranger', roles: [] },
      { userId: 'u-stranger', orgId: 'o-stranger', roles: ROLE_NAMES },
    ];
    for (const wf of allWorkflows())
      for (const status of wf.stateNames)
        for (const actor of actors) {
          const { actions, denials } = wf.available(actor, { status });
          for (const d of denials) {
            expect(d.code, `${wf.name} ${status} ${d.action}`).toMatch(/^[a-z_]+$/);
            expect(d.zh.trim().length, `${wf.name} ${status} ${d.action} zh`).toBeGreaterThan(0);
            expect(d.en.trim().length, `${wf.name} ${status} ${d.action} en`).toBeGreaterThan(0);
          }
          // every action defined from the state is either allowed or refused with a reason
          const defined = new Set(wf.from(status, { status }).map((t: { action: string }) => t.action));
          expect(new Set([...actions, ...denials.map((d) => d.action)])).toEqual(defined);
        }
  });
});

describe('the checks themselves', () => {
  it('name an unknown permission, an unknown role, an unreachable state and a dead end', () => {
    const broken = defineWorkflow<{ status: 'a' | 'b' | 'c' | 'd' }>()({
      name: 'test.broken',
      register: false,
      noun: { zh: '测试', en: 'test' },
      states: {
        a: { zh: '甲', en: 'A' },
        b: { zh: '乙', en: 'B' },
        c: { zh: '丙', en: '' },
        d: { zh: '丁', en: 'D' },
      },
      initial: 'a',
      transitions: [
        {
          action: 'go',
          from: 'a',
          to: 'b',
          // a name outside the registry fails the typecheck; the cast asks the run-time check too
          permission: 'no.suchPermission' as PermissionName,
          label: { zh: '去', en: 'Go' },
        },
        {
          action: 'back',
          from: 'b',
          to: 'a',
          permission: 'authenticated',
          roles: ['noSuchRole' as never],
          label: { zh: '回', en: 'Back' },
        },
        { action: 'on', from: 'c', to: 'd', permission: 'authenticated', label: { zh: '续', en: 'On' } },
      ],
    });
    expect(allWorkflows().map((w) => w.name)).not.toContain('test.broken');
    expect(workflowProblems(broken)).toEqual([
      'test.broken: state c lacks zh or en text',
      'test.broken: go from a names the unknown permission no.suchPermission',
      'test.broken: back from b names the unknown role noSuchRole',
      'test.broken: state c is unreachable from a',
      'test.broken: state d is unreachable from a',
      'test.broken: state d is not terminal and has no way out',
    ]);
  });

  it('count a state entered outside the workflow (reachedBy) as reachable, and only that one', () => {
    const entered = defineWorkflow<{ status: 'a' | 'b' | 'c' }>()({
      name: 'test.entered',
      register: false,
      noun: { zh: '测试', en: 'test' },
      states: {
        a: { zh: '甲', en: 'A' },
        b: { zh: '乙', en: 'B', terminal: true },
        c: { zh: '丙', en: 'C', terminal: true, reachedBy: 'an import' },
      },
      initial: 'a',
      transitions: [
        { action: 'go', from: 'a', to: 'b', permission: 'authenticated', label: { zh: '去', en: 'Go' } },
      ],
    });
    expect(workflowProblems(entered)).toEqual([]);
    const unmarked = { ...entered, states: { ...entered.states, c: { zh: '丙', en: 'C', terminal: true } } };
    expect(workflowProblems(unmarked)).toEqual(['test.entered: state c is unreachable from a']);
  });
});
