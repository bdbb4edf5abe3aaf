/**
 * Every audit action written anywhere in server/src has a zh and en label (audit.labels.ts), and every
 * label names an action that is written. The actions are collected from the source: string literals
 * after `action:` and in the challenge service's `mutate(…, 'market.challenge.x', …)`, and the
 * templated ones (`application.${action}`) expanded with the actions of the workflow they take.
 * Database-free.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { allWorkflows } from '../../platform/workflow.js';
import { AUDIT_ACTION_LABELS, actionsMatching, auditActionLabel } from './audit.labels.js';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.includes('test-helpers')
      ? [p]
      : [];
  });
}

/** template prefix → the workflow whose action names fill it */
const TEMPLATES: Record<string, string> = {
  call: 'calls.call',
  application: 'applications.application',
  'market.need': 'market.need',
  'market.solution': 'market.solution',
  'market.achievement': 'market.achievement',
  'market.challenge': 'market.challenge',
  'review.notice': 'review.notice',
  'review.panel': 'review.panelSession',
  'review.fundingPlan': 'review.fundingPlan',
  'projects.agreement': 'projects.agreement',
  'projects.tranche': 'projects.tranche',
  'projects.change': 'projects.change',
};
const SCREENING_ACTIONS = ['confirm', 'override']; // screening.schema.ts, z.enum(['confirm', 'override'])
const DOTTED = /'([a-z][a-zA-Z]*(?:\.[a-zA-Z]+)+)'/g;

let written: Set<string>;
beforeAll(async () => {
  const modules = path.join(src, 'modules');
  for (const m of fs.readdirSync(modules))
    for (const f of fs.readdirSync(path.join(modules, m)).filter((x) => x.endsWith('.workflow.ts')))
      await import(path.join(modules, m, f));
  const wf = new Map(allWorkflows().map((w) => [w.name, w.actionNames as string[]]));
  written = new Set();
  const unknownTemplates: string[] = [];
  for (const f of sources(src)) {
    const text = fs.readFileSync(f, 'utf8');
    for (const line of text.split('\n')) {
      if (/\baction: /.test(line) || /\bmutate\(/.test(line))
        for (const [, a] of line.matchAll(DOTTED)) written.add(a);
      for (const [, prefix] of line.matchAll(/(?:action: |mutate\([^`]*)`([a-zA-Z.]+)\.\$\{/g)) {
        if (prefix === 'screening') for (const a of SCREENING_ACTIONS) written.add(`screening.${a}`);
        else if (TEMPLATES[prefix] && wf.has(TEMPLATES[prefix]))
          for (const a of wf.get(TEMPLATES[prefix])!) written.add(`${prefix}.${a}`);
        else unknownTemplates.push(`${path.relative(src, f)}: ${prefix}`);
      }
    }
  }
  expect(unknownTemplates).toEqual([]);
});

describe('audit action labels', () => {
  it('finds the actions written in the source (a sanity check on the collector)', () => {
    expect(written.size).toBeGreaterThan(60);
    for (const a of ['application.submit', 'auth.login', 'market.challenge.attachNeeds', 'call.publish'])
      expect(written).toContain(a);
  });

  it('labels every action written anywhere in server/src, in zh and en', () => {
    const missing = [...written].filter((a) => !AUDIT_ACTION_LABELS[a]).sort();
    expect(missing).toEqual([]);
    for (const [k, l] of Object.entries(AUDIT_ACTION_LABELS)) {
      expect(l.zh.trim(), k).not.toBe('');
      expect(l.en.trim(), k).not.toBe('');
      expect(/[\u4e00-\u9fff]/.test(l.zh), `${k} zh is Chinese`).toBe(true);
    }
  });

  it('has no label for an action nothing writes', () => {
    expect(Object.keys(AUDIT_ACTION_LABELS).filter((a) => !written.has(a))).toEqual([]);
  });

  it('matches a Chinese search to the actions it labels: 提交 finds the application submit', () => {
    expect(actionsMatching('提交')).toEqual(expect.arrayContaining(['application.submit']));
    expect(actionsMatching('提交')).not.toContain('auth.login');
    expect(actionsMatching('  ')).toEqual([]);
    expect(auditActionLabel('application.submit').zh).toBe('正式提交申报书');
    expect(auditActionLabel('old.code')).toEqual({ zh: 'old.code', en: 'old.code' });
  });
});
