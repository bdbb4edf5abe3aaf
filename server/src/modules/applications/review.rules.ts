/**
 * Pure rules of the reviews (申报单位审核, 推荐部门审核): which findings of the checklist fail (a
 * reviewer approving anyway must give a reason), and where the district recommendation goes when no
 * district office in the platform can act on it.
 */
import type { FieldError } from '../../platform/errors.js';
import type { Checklist } from './application.rules.js';
import { districtOf } from './application.rules.js';
import { SHANGHAI, divisionOf, withinDivision } from '../../platform/divisions.js';

export interface FailingFinding {
  ruleId: string;
  field: string;
  label: { zh: string; en: string };
  reason: { zh: string; en: string };
}

/** The findings that fail (not the ones that cannot be judged yet): rules, content checks, type errors. */
export function failingFindings(c: Checklist): FailingFinding[] {
  return [
    ...c.screening.findings
      .filter((f) => f.severity === 'error' && f.applicable && f.passed === false)
      .map((f) => ({
        ruleId: f.ruleId,
        field: Array.isArray(f.field) ? f.field.join(',') : f.field,
        label: { zh: f.label, en: f.labelEn },
        reason: f.reason,
      })),
    ...c.content
      .filter((f) => f.passed === false)
      .map((f) => ({
        ruleId: f.id,
        field: f.field,
        label: { zh: f.label, en: f.labelEn },
        reason: f.reason,
      })),
    ...c.fieldErrors.map((e) => ({
      ruleId: `field.${e.code}`,
      field: e.field,
      label: e.label,
      reason: { zh: e.message, en: e.messageEn },
    })),
  ];
}

/** The 422 listing: one field error per failing finding (code = the rule's id). */
export function failingFieldErrors(list: FailingFinding[]): FieldError[] {
  return list.map((f) => ({
    field: f.field,
    code: f.ruleId,
    message: `${f.label.zh}：${f.reason.zh}`,
    messageEn: `${f.label.en}: ${f.reason.en}`,
  }));
}

export type DistrictRouteCode = 'outsideShanghai' | 'noDistrictNamed' | 'noDistrictOffice';
export interface DistrictRoute {
  to: 'programmeOffice';
  code: DistrictRouteCode;
  reason: { zh: string; en: string };
}

const OFFICE_ZH = '推荐部门审核由项目管理机构（市科委）办理';
const OFFICE_EN = 'the programme office of the commission handles the district review';

/**
 * Where the district recommendation of an organisation goes: null when a district office with an
 * active district officer exists for its district (`officeDistricts`, the district names of such
 * offices); otherwise to the programme office, with the reason. "In Shanghai" and the district are
 * read from the USCC's division code (`division`, characters 3-8) when it names them; the typed
 * region only names the district when the code stops at 上海市.
 */
export function districtRoute(
  org: { region: string; division: string | null },
  officeDistricts: readonly string[],
): DistrictRoute | null {
  const region = org.region;
  const div = org.division ? divisionOf(org.division) : null;
  const r = div?.known ? div.zh : region.trim() || '（未填写）';
  const inShanghai = org.division ? withinDivision(org.division, SHANGHAI) : /^上海/.test(region.trim());
  if (!inShanghai)
    return {
      to: 'programmeOffice',
      code: 'outsideShanghai',
      reason: {
        zh: `申报单位注册地「${r}」不在本市，没有对应的区科技主管部门，${OFFICE_ZH}`,
        en: `The organisation is registered outside Shanghai (${r}): no district office can recommend it, so ${OFFICE_EN}`,
      },
    };
  const district = div?.district ? div.district.zh : districtOf(region);
  if (!district)
    return {
      to: 'programmeOffice',
      code: 'noDistrictNamed',
      reason: {
        zh: `申报单位注册地「${r}」未写明所在区，无法确定区科技主管部门，${OFFICE_ZH}`,
        en: `The organisation's registered region (${r}) names no district, so ${OFFICE_EN}`,
      },
    };
  if (officeDistricts.includes(district)) return null;
  return {
    to: 'programmeOffice',
    code: 'noDistrictOffice',
    reason: {
      zh: `${district}科技主管部门尚未在本平台开通推荐部门账号，${OFFICE_ZH}`,
      en: `${district} has no district office user in the platform yet, so ${OFFICE_EN}`,
    },
  };
}
