import { createHash } from 'node:crypto';
import type { Role } from '../../platform/roles.js';
import type { OrgType } from '../identity/index.js';
import { usccCheckChar } from '../identity/index.js';

/**
 * Demo data drawn from the seed documents. The organisations are the ones the 2024 performance
 * evaluation report (seed 003, 《2021-2023年行动方案》绩效评价报告) names: the commission that runs the
 * programme (实施单位/主管部门), the finance bureau that commissioned the evaluation, the Shanghai
 * Science and Technology Innovation Centre it entrusts with the work (“委托上海市科技创新中心开展…”),
 * the implementing organisations it lists (“高校包括上海交通大学、复旦大学、上海理工大学…科研院所包括
 * 上海市农业科学院、上海计算机软件技术开发中心…医疗卫生机构包括上海市瑞金医院、上海市第六人民医院、
 * 上海市第十人民医院…企业包括中国商飞、上海核电集团、中冶赛迪”), the trading venues and transfer
 * institutions it names (上海技术交易所, 国家技术转移东部中心, 上海知识产权交易中心), the evaluation firm
 * (上海闻政管理咨询有限公司), and district offices of the districts it mentions (杨浦区 projects,
 * 闵行 demonstration zone, 嘉定 cluster) plus 徐汇区 (where 上海市第六人民医院 and the software centre sit).
 *
 * The 统一社会信用代码 are SYNTHETIC: generated deterministically from the name so that they pass
 * the GB 32100-2015 check character (and the GB 11714 check digit of the embedded organisation
 * code), but they are not the organisations' real codes.
 */

export interface DemoOrg {
  key: string;
  name: string;
  type: OrgType;
  /** 上海市 + district, as stored in orgs.region. */
  region: string;
  /** Six-digit administrative division code used in positions 3–8 of the synthetic USCC. */
  division: string;
  uscc: string;
  /** Where the name comes from, and that the code is synthetic. */
  note: string;
}

const SYNTHETIC =
  '统一社会信用代码为演示用合成代码（通过校验位规则，非真实代码） / synthetic demo USCC (valid check character, not the real code)';

/** Registration authority + kind (positions 1–2): 11 state organ, 12 public institution, 91 enterprise. */
const AUTHORITY: Record<OrgType, string> = {
  commission: '11',
  financeBureau: '11',
  districtOffice: '11',
  university: '12',
  researchInstitute: '12',
  hospital: '12',
  other: '12',
  transferInstitution: '91',
  enterprise: '91',
};

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 organisation code (8 digits + check) derived from the name, then the USCC check character. */
export function syntheticUscc(name: string, type: OrgType, division: string): string {
  const digest = createHash('sha256').update(`transferone-demo:${name}`).digest();
  let body = '';
  for (let i = 0; i < 8; i++) body += String(digest[i] % 10);
  const sum = [...body].reduce((s, ch, i) => s + Number(ch) * ORG_CODE_WEIGHTS[i], 0);
  const c = 11 - (sum % 11);
  const orgCode = body + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
  const first17 = AUTHORITY[type] + division + orgCode;
  return first17 + usccCheckChar(first17);
}

const org = (
  key: string,
  name: string,
  type: OrgType,
  region: string,
  division: string,
  source: string,
): DemoOrg => ({
  key,
  name,
  type,
  region,
  division,
  uscc: syntheticUscc(name, type, division),
  note: `${source}；${SYNTHETIC}`,
});

const R003 = 'seed 003 绩效评价报告';

export const DEMO_ORGS: DemoOrg[] = [
  org('commission', '上海市科学技术委员会', 'commission', '上海市', '310000', `${R003}：实施单位、主管部门`),
  org(
    'finance',
    '上海市财政局',
    'financeBureau',
    '上海市',
    '310000',
    `${R003}：委托单位（市财政局监督检查局）`,
  ),
  org(
    'programmeOffice',
    '上海市科技创新中心',
    'other',
    '上海市',
    '310000',
    `${R003}：市科委委托其开展科技成果转移转化相关工作（项目管理机构）`,
  ),
  org(
    'yangpu',
    '上海市杨浦区科学技术委员会',
    'districtOffice',
    '上海市杨浦区',
    '310110',
    `${R003}：区科委为推荐部门；杨浦区特色服务示范项目`,
  ),
  org(
    'minhang',
    '上海市闵行区科学技术委员会',
    'districtOffice',
    '上海市闵行区',
    '310112',
    `${R003}：上海闵行国家科技成果转移转化示范区`,
  ),
  org(
    'xuhui',
    '上海市徐汇区科学技术委员会',
    'districtOffice',
    '上海市徐汇区',
    '310104',
    `${R003}：区科委为推荐部门`,
  ),
  org(
    'jiading',
    '上海市嘉定区科学技术委员会',
    'districtOffice',
    '上海市嘉定区',
    '310114',
    `${R003}：嘉定菊园环微系统所物联网创新创业集聚区`,
  ),
  org('sjtu', '上海交通大学', 'university', '上海市闵行区', '310112', `${R003}：实施单位（高校）`),
  org('fudan', '复旦大学', 'university', '上海市杨浦区', '310110', `${R003}：实施单位（高校）`),
  org(
    'usst',
    '上海理工大学',
    'university',
    '上海市杨浦区',
    '310110',
    `${R003}：实施单位（高校），医疗器械创新成果转化验证平台`,
  ),
  org('tongji', '同济大学', 'university', '上海市杨浦区', '310110', `${R003}：联合开展技术转移方向学历教育`),
  org('saas', '上海市农业科学院', 'researchInstitute', '上海市', '310000', `${R003}：实施单位（科研院所）`),
  org(
    'sscenter',
    '上海计算机软件技术开发中心',
    'researchInstitute',
    '上海市徐汇区',
    '310104',
    `${R003}：实施单位（科研院所）`,
  ),
  org('ruijin', '上海市瑞金医院', 'hospital', '上海市黄浦区', '310101', `${R003}：实施单位（医疗卫生机构）`),
  org(
    'sixth',
    '上海市第六人民医院',
    'hospital',
    '上海市徐汇区',
    '310104',
    `${R003}：实施单位（医疗卫生机构）`,
  ),
  org(
    'tenth',
    '上海市第十人民医院',
    'hospital',
    '上海市静安区',
    '310106',
    `${R003}：实施单位（医疗卫生机构）`,
  ),
  org(
    'comac',
    '中国商用飞机有限责任公司',
    'enterprise',
    '上海市浦东新区',
    '310115',
    `${R003}：实施单位（企业，中国商飞）`,
  ),
  org('snpg', '上海核电集团', 'enterprise', '上海市', '310000', `${R003}：实施单位（企业）`),
  org(
    'cisdi',
    '中冶赛迪上海工程技术有限公司',
    'enterprise',
    '上海市',
    '310000',
    `${R003}：实施单位（企业，中冶赛迪）`,
  ),
  org('wenzheng', '上海闻政管理咨询有限公司', 'enterprise', '上海市', '310000', `${R003}：评价机构`),
  org('sttex', '上海技术交易所', 'transferInstitution', '上海市', '310000', `${R003}：交易场所`),
  org(
    'ntttc',
    '国家技术转移东部中心',
    'transferInstitution',
    '上海市杨浦区',
    '310110',
    `${R003}：国际技术转移网络`,
  ),
  org('sipex', '上海知识产权交易中心', 'transferInstitution', '上海市', '310000', `${R003}：交易服务平台`),
];

export interface DemoUser {
  username: string;
  name: string;
  role: Role;
  orgKey: string;
  email: string;
  password: string;
  /** A SYNTHETIC 身份证号 (valid check character, nobody's real number), where the demo needs one. */
  idNumber?: string;
}

/** The demo password of a role: documented, printed at start, and changed by the user in the app. */
export const demoPassword = (role: Role) => `Demo@2026-${role}`;

const user = (username: string, name: string, role: Role, orgKey: string): DemoUser => ({
  username,
  name,
  role,
  orgKey,
  email: `${username}@demo.transferone.cn`,
  password: demoPassword(role),
});

/** One demo user per role (13), each in an organisation that fits the role. Names are fictitious. */
export const DEMO_USERS: DemoUser[] = [
  user('demo.commission', '张科委（演示）', 'commissionStaff', 'commission'),
  user('demo.office', '李项目（演示）', 'programmeOfficeStaff', 'programmeOffice'),
  user('demo.finance', '王财政（演示）', 'finance', 'finance'),
  user('demo.district', '赵区科委（演示）', 'districtOfficer', 'yangpu'),
  user('demo.orgadmin', '钱管理（演示）', 'orgAdmin', 'sjtu'),
  // the lead has one ongoing project in the demo registry (server/src/modules/applications/ongoing.demo.ts)
  { ...user('demo.lead', '孙负责（演示）', 'projectLead', 'sjtu'), idNumber: '310112198001010025' },
  user('demo.expert', '周专家（演示）', 'expert', 'tongji'),
  user('demo.enterprise', '吴企业（演示）', 'enterpriseUser', 'comac'),
  user('demo.techmanager', '郑经理人（演示）', 'techManager', 'ntttc'),
  user('demo.auditor', '冯审计（演示）', 'auditor', 'finance'),
  user('demo.admin', '陈系统（演示）', 'systemAdmin', 'commission'),
  // the MLPS level-3 separated administrators (安全管理员, 审计管理员), docs/SECURITY.md
  user('demo.security', '褚安全（演示）', 'securityAdmin', 'commission'),
  user('demo.auditadmin', '卫审计管理（演示）', 'auditAdmin', 'commission'),
];

/**
 * The admin of one example applicant of the 2022 call imported for the record (the organisation of the
 * last line of its demo notice), so the award's notices reach a mailbox: the imported applications
 * were started by the import, and their organisations' admins are the ones told (a fictitious person).
 */
export const DEMO_RECORD_CONTACT = {
  username: 'demo.org2022',
  name: '何联络（演示）',
  role: 'orgAdmin' as const,
  email: 'demo.org2022@demo.transferone.cn',
  password: demoPassword('orgAdmin'),
};
