/**
 * Facts a rule reads, and how a path is resolved in them. Money facts end in `Fen` and are integer fen.
 */
import { fieldLabel, isMoneyField } from './rule.describe.js';

/** Facts a rule reads: `{ org, application, lead, context }`, addressed by dotted paths. */
export type Facts = Record<string, unknown>;

/** The documented shape of facts (everything optional: the live checklist runs on half-filled forms). */
export interface ApplicationFacts {
  org?: {
    type?: string;
    legalForm?: 'legalPerson' | 'unincorporated';
    /**
     * GB/T 2260 division code of the place of registration, read from characters 3–8 of the USCC
     * (never from the typed region); rules compare it by containment (310000 = anywhere in 上海市).
     */
    registeredRegion?: string;
    prevYearRevenueFen?: number;
  };
  application?: {
    budget?: {
      selfFundingFen?: number;
      requestedGrantFen?: number;
      firstYearRequestFen?: number;
      districtMatchingFen?: number;
      techManagerTrainingFen?: number;
    };
    team?: {
      techManagers?: {
        name?: string;
        role?: 'lead' | 'core';
        yearsFullTime?: number;
        isProjectLead?: boolean;
      }[];
    };
    attachments?: { type: string; fileId?: string; name?: string }[];
    excludedExperts?: { name: string; reason?: string }[];
    claimsTechIncome?: boolean;
    declarations?: { integrityCommitment?: boolean; noClassifiedContent?: boolean };
  };
  lead?: {
    /** max(declared, registry); absent while the applicant has not declared. */
    ongoingCommissionProjects?: number;
    declaredOngoingProjects?: number;
    /** Ongoing projects in the imported registry plus applications awarded on the platform. */
    registryOngoingProjects?: number;
  };
  /** Computed by the service: the organisation's other submitted applications (drafts do not count). */
  context?: { orgSubmittedThisProgrammeYear?: number; orgSubmittedThisCall?: number };
}

export function getPath(facts: unknown, path: string): unknown {
  let cur: unknown = facts;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export const absent = (v: unknown) => v === undefined || v === null;

/** Why a fact cannot be judged; null when it can. */
export function problem(
  field: string,
  v: unknown,
  want: 'number' | 'array' | 'scalar',
): { zh: string; en: string } | null {
  // the label only: a path is developer's words (it is the name itself for a fact outside the catalogue)
  const name = fieldLabel(field, 'zh');
  const nameEn = fieldLabel(field, 'en');
  if (absent(v)) return { zh: `未填写「${name}」`, en: `"${nameEn}" is missing` };
  if (want === 'number') {
    if (typeof v !== 'number' || !Number.isFinite(v))
      return { zh: `「${name}」应为数字`, en: `"${nameEn}" must be a number` };
    if (isMoneyField(field) && !Number.isSafeInteger(v))
      return {
        zh: `「${name}」应为整数分`,
        en: `"${nameEn}" must be a whole number of fen`,
      };
  }
  if (want === 'array' && !Array.isArray(v))
    return { zh: `「${name}」应为列表`, en: `"${nameEn}" must be a list` };
  if (want === 'scalar' && typeof v === 'object')
    return { zh: `「${name}」格式不正确`, en: `"${nameEn}" has the wrong shape` };
  return null;
}
