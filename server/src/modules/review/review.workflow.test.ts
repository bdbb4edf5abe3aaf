/** The review round and assignment workflows as tables (database-free). */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/roles.js';
import {
  ASSIGNMENT,
  ROUND,
  type AssignmentAction,
  type AssignmentStatus,
  type RoundAction,
  type RoundStatus,
} from './review.workflow.js';

const who = (userId: string, roles: Role[]) => ({ userId, orgId: 'o', roles });
const staff = who('staff', ['programmeOfficeStaff']);
const expert = who('e1', ['expert']);
const other = who('e2', ['expert']);
const lead = who('lead', ['projectLead']);

type RoundRow = [string, typeof staff, RoundStatus, RoundAction, string];
const roundRows: RoundRow[] = [
  ['staff assign while preparing', staff, 'preparing', 'assign', 'allowed'],
  ['no re-assignment once open', staff, 'open', 'assign', 'invalid_state'],
  ['staff change an expert while open', staff, 'open', 'change', 'allowed'],
  ['no change once closed', staff, 'closed', 'change', 'invalid_state'],
  ['an expert cannot open a round', expert, 'preparing', 'open', 'forbidden'],
  ['staff close an open round', staff, 'open', 'close', 'allowed'],
];

type Row = [string, typeof staff, AssignmentStatus, RoundStatus, AssignmentAction, string];
const rows: Row[] = [
  ['the assigned expert accepts', expert, 'assigned', 'open', 'accept', 'allowed'],
  ['another expert cannot accept it', other, 'assigned', 'open', 'accept', 'not_assigned_expert'],
  ['nobody accepts before the round opens', expert, 'assigned', 'preparing', 'accept', 'round_not_open'],
  ['the expert declines (a conflict)', expert, 'accepted', 'open', 'decline', 'allowed'],
  ['scores after accepting', expert, 'accepted', 'open', 'score', 'allowed'],
  ['no scores before accepting', expert, 'assigned', 'open', 'score', 'invalid_state'],
  ['a submitted sheet is final', expert, 'submitted', 'open', 'score', 'invalid_state'],
  ['an applicant cannot score', lead, 'accepted', 'open', 'submit', 'forbidden'],
  ['nothing after the round closes', expert, 'accepted', 'closed', 'submit', 'round_not_open'],
  ['staff replace a declined expert', staff, 'declined', 'open', 'replace', 'allowed'],
  ['a scored sheet is not replaced', staff, 'submitted', 'open', 'replace', 'invalid_state'],
  ['no replacement after closing', staff, 'assigned', 'closed', 'replace', 'forbidden'],
];

describe('review workflows', () => {
  it.each(roundRows)('round: %s', (_n, actor, status, action, expected) => {
    const d = ROUND.decide(actor, { status }, action);
    expect(d.allowed ? 'allowed' : d.code).toBe(expected);
    if (!d.allowed) expect(d.zh.length * d.en.length).toBeGreaterThan(0);
  });
  it.each(rows)('assignment: %s', (_n, actor, status, roundStatus, action, expected) => {
    const d = ASSIGNMENT.decide(actor, { status, roundStatus, expertUserId: 'e1' }, action);
    expect(d.allowed ? 'allowed' : d.code).toBe(expected);
    if (!d.allowed) expect(d.zh.length * d.en.length).toBeGreaterThan(0);
  });
});
