/**
 * Who may read personal data in clear (issue 10, fix first 4; GB/T 35273 §6.3, PIPL art. 51).
 *
 * A response field is personal when its schema says so (`personal()` of platform/http/personal.ts);
 * the serializer then masks it unless this table lets the caller read it in clear. The caller's
 * relationship to the data comes from the nearest enclosing object marked `ownedBy(...)`:
 *
 *   self   — the record is the caller's own (their account, their profile)
 *   ownOrg — the record belongs to the caller's organisation (its application, its users, its contact)
 *   keeper — the caller's role keeps the register the record is in (`ownedBy(…, { keepers })`: the
 *            programme office keeps the expert pool and phones its experts)
 *   other  — anything else, and anything not marked with an owner (the safe default)
 *
 * | kind      | self, ownOrg, keeper | other (signed in)          | other (anonymous) |
 * | --------- | -------------------- | -------------------------- | ----------------- |
 * | phone     | clear                | masked (138****5678)       | masked            |
 * | idNumber  | clear                | masked (110101********1234)| masked            |
 * | email     | clear                | masked, except systemAdmin | masked            |
 * | name      | clear                | clear                      | masked (张*)       |
 *
 * Why: an organisation edits and files its own people's data, so it reads it as typed; programme
 * staff, auditors, districts and experts judge an application without needing to dial or identify
 * the person (they reach the applicant through the platform). The system administrator manages
 * accounts and must check the e-mail address that sign-in notices and resets go to. A contact
 * person's name is business information for signed-in users, but not for the public.
 * Services may mask earlier still (a list of users masks phones even for their own organisation).
 */
import type { Role } from './roles.js';
import { maskEmail, maskIdNumber, maskName, maskPhone } from './mask.js';

export const PERSONAL_KINDS = ['phone', 'idNumber', 'email', 'name'] as const;
export type PersonalKind = (typeof PERSONAL_KINDS)[number];
export type Relationship = 'self' | 'ownOrg' | 'keeper' | 'other';

/** Kinds a signed-in caller reads in clear on another's record, by role. */
const CLEAR_FOR_OTHERS: Record<PersonalKind, 'everyone' | Role[]> = {
  phone: [],
  idNumber: [],
  email: ['systemAdmin'],
  name: 'everyone',
};

export interface Viewer {
  signedIn: boolean;
  roles: readonly Role[];
}

export function mayReadInClear(kind: PersonalKind, rel: Relationship, viewer: Viewer): boolean {
  if (!viewer.signedIn) return false;
  if (rel === 'self' || rel === 'ownOrg' || rel === 'keeper') return true;
  const who = CLEAR_FOR_OTHERS[kind];
  return who === 'everyone' || who.some((r) => viewer.roles.includes(r));
}

/** The masked form of a value of a kind (strings and numbers; anything else is left as is). */
export function maskAs(kind: PersonalKind, v: unknown): unknown {
  if (typeof v === 'number') v = String(v);
  if (typeof v !== 'string' || v === '') return v;
  if (kind === 'phone') return maskPhone(v);
  if (kind === 'idNumber') return maskIdNumber(v);
  if (kind === 'email') return maskEmail(v);
  return maskName(v);
}
