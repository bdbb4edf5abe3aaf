/** The need lifecycle as a table (database-free): the enterprise's own actions, refining, answering. */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/roles.js';
import { NEED, type NeedAction, type NeedStatus } from './need.workflow.js';

const who = (orgId: string, roles: Role[]) => ({ userId: `${orgId}-user`, orgId, roles });
const owner = who('ent', ['enterpriseUser']);
const otherEnterprise = who('ent2', ['enterpriseUser']);
const broker = who('tto', ['techManager']);
const ownManager = who('ent', ['techManager']);
const researcher = who('uni', ['projectLead']);
const staff = who('commission', ['commissionStaff']);

type Row = [string, typeof owner, NeedStatus, NeedAction, string, string?];
const rows: Row[] = [
  ['the enterprise publishes its draft', owner, 'draft', 'publish', 'allowed'],
  ['nobody publishes twice', owner, 'published', 'publish', 'invalid_state'],
  [
    'another enterprise cannot close it',
    otherEnterprise,
    'published',
    'close',
    'forbidden',
    '只有发布需求的企业',
  ],
  ['the enterprise closes its published need', owner, 'published', 'close', 'allowed'],
  ['a draft cannot be closed', owner, 'draft', 'close', 'invalid_state'],
  ['the enterprise edits until it is closed', owner, 'published', 'edit', 'allowed'],
  ['a closed need is not edited', owner, 'closed', 'edit', 'invalid_state', '需求已关闭'],
  ['a broker refines', broker, 'published', 'refine', 'allowed'],
  ['not a need of the broker’s own organisation', ownManager, 'published', 'refine', 'forbidden', '本单位'],
  ['a closed need is not refined', broker, 'closed', 'refine', 'invalid_state', '需求已关闭'],
  ['a researcher answers a published need', researcher, 'published', 'answer', 'allowed'],
  ['nobody answers a draft', researcher, 'draft', 'answer', 'invalid_state', '需求未发布或已关闭'],
  [
    'the enterprise does not answer its own need',
    owner,
    'published',
    'answer',
    'forbidden',
    '不能为本单位的需求提交方案',
  ],
  ['staff do not answer needs', staff, 'published', 'answer', 'forbidden'],
];

describe('need workflow decisions', () => {
  it.each(rows)('%s', (_name, actor, status, action, expected, text) => {
    const d = NEED.decide(actor, { status, orgId: 'ent' }, action);
    expect(d.allowed ? 'allowed' : d.code).toBe(expected);
    if (!d.allowed && text) expect(d.zh).toContain(text);
  });

  it('gives the owner edit and publish on a draft, a broker refine and answer on a published need', () => {
    expect(NEED.available(owner, { status: 'draft', orgId: 'ent' }).actions).toEqual(['edit', 'publish']);
    expect(NEED.available(broker, { status: 'published', orgId: 'ent' }).actions).toEqual([
      'refine',
      'answer',
    ]);
  });
});
