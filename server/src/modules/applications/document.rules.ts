/**
 * The papers an applicant prints and stamps (issue 11): the 申报书 (application form) and the 回执
 * (receipt), as a neutral document model that document-docx.rules.ts renders to Word. Pure: the
 * caller passes the loaded application and, for dates, the instants.
 *
 * The layout follows the 2023 guide (沪科指南〔2023〕21号): a cover with 项目名称, 申报单位 (盖章),
 * 项目负责人, 申报日期 and 申报编号; then the parts the guide asks an application to state, in the
 * order of the form — the project, the applicant (申报主体要求), the lead (§二.7), the feasibility
 * plan (可行性方案), the budget (经费额度: cap, co-funding ratio, first-year cap, district
 * matching), the KPIs (考核指标), the team and recommended technology managers (专题二 §2), the
 * experts to avoid (§二.4), the attachments, and the commitments of §二.3/§二.5 with signature and
 * stamp lines. Amounts are 万元 with two decimals.
 */
import { fenToWan2 } from '../../../../shared/money.js';
import { beijingDateText, beijingTimeText } from '../../../../shared/time.js';
import { CMP_SYMBOL, type Call, type Direction } from '../calls/index.js';
import { ORG_TYPES } from '../identity/index.js';

/** One block of a printed document. */
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** label/value rows, printed as a two-column table */
  | { kind: 'fields'; rows: [string, string][] }
  | { kind: 'table'; head: string[]; rows: string[][]; widths: number[]; numeric?: number[] }
  /** signature and stamp lines: a label, a blank to sign on, and the date line */
  | { kind: 'signatures'; lines: { label: string; date: boolean }[] }
  | { kind: 'stamp'; label: string };

export interface PaperDocument {
  /** the document's title (metadata and the first heading) */
  title: string;
  cover: null | { lines: string[]; fields: [string, string][]; stamp: string };
  blocks: Block[];
}

export interface ApplicationPaperInput {
  call: Pick<Call, 'year' | 'number' | 'title' | 'issuer'>;
  direction: Pick<Direction, 'code' | 'title' | 'kpis' | 'fundingRules' | 'executionPeriod'>;
  org: { name: string; type: string; region: string; uscc: string };
  content: Record<string, unknown>;
  attachments: { typeLabel: string; name: string; sha256: string }[];
  receipt: { number: string; submittedAt: Date | string } | null;
}

const BLANK = '';
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const arr = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.map(obj) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : BLANK);
const fen = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);
/** 万元 with two decimals, or a blank for no amount */
export const wan = (v: unknown): string => fenToWan2(fen(v));
const check = (v: unknown) => (v === true ? '☑' : '☐');
const dateText = (v: unknown) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(str(v));
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : str(v);
};
const period = (a: unknown, b: unknown) =>
  str(a) || str(b) ? `${dateText(a) || '—'} 至 ${dateText(b) || '—'}` : BLANK;

const LEGAL_FORM: Record<string, string> = { legalPerson: '法人', unincorporated: '非法人组织' };
const TM_ROLE: Record<string, string> = { lead: '优秀技术经理人', core: '骨干成员' };

/** The 申报编号 on the cover: the receipt number once submitted. */
export function applicationNumber(receipt: ApplicationPaperInput['receipt']): string {
  return receipt ? receipt.number : '（正式提交后生成）';
}

/** The 申报书 of an application. */
export function applicationPaper(i: ApplicationPaperInput): PaperDocument {
  const c = i.content;
  const project = obj(c.project);
  const applicant = obj(c.applicant);
  const lead = obj(c.lead);
  const budget = obj(c.budget);
  const team = obj(c.team);
  const declarations = obj(c.declarations);
  const title = str(project.title) || '（未填写项目名称）';
  const orgType = ORG_TYPES[i.org.type as keyof typeof ORG_TYPES]?.zh ?? i.org.type;
  const f = i.direction.fundingRules;
  const blocks: Block[] = [];

  blocks.push({ kind: 'heading', text: '一、项目基本信息' });
  blocks.push({
    kind: 'fields',
    rows: [
      ['项目名称', title],
      ['申报指南', `${i.call.number} ${i.call.title}`],
      ['申报方向', `方向${i.direction.code}. ${i.direction.title}`],
      ['执行期限', period(project.startDate, project.endDate)],
      ['指南执行期限', period(i.direction.executionPeriod.start, i.direction.executionPeriod.end)],
      ['关键词', Array.isArray(project.keywords) ? project.keywords.map(str).join('；') : BLANK],
      ['项目摘要', str(project.summary)],
    ],
  });

  blocks.push({ kind: 'heading', text: '二、申报单位信息' });
  blocks.push({
    kind: 'fields',
    rows: [
      ['申报单位', i.org.name],
      ['统一社会信用代码', i.org.uscc],
      ['单位类型', orgType],
      ['所在地区', i.org.region],
      ['组织形式', LEGAL_FORM[str(applicant.legalForm)] ?? BLANK],
      ['上年度主营业务收入（万元）', wan(applicant.prevYearRevenueFen)],
      ['联系人', str(applicant.contactName)],
      ['联系电话', str(applicant.contactPhone)],
    ],
  });

  blocks.push({ kind: 'heading', text: '三、项目负责人' });
  blocks.push({
    kind: 'fields',
    rows: [
      ['姓名', str(lead.name)],
      ['职称/职务', str(lead.title)],
      ['手机', str(lead.phone)],
      ['电子邮箱', str(lead.email)],
      ['身份证号', str(lead.idNumber)],
      ['作为负责人承担的市科委在研项目数', str(lead.declaredOngoingProjects)],
    ],
  });

  blocks.push({ kind: 'heading', text: '四、可行性方案' });
  const sections = arr(obj(c.feasibilityPlan).sections);
  if (sections.length === 0) blocks.push({ kind: 'paragraph', text: '（未填写）' });
  sections.forEach((s, n) => {
    blocks.push({ kind: 'paragraph', text: `（${n + 1}）${str(s.title)}` });
    for (const para of str(s.text).split(/\n+/).filter(Boolean))
      blocks.push({ kind: 'paragraph', text: para });
  });

  blocks.push({ kind: 'heading', text: '五、经费预算（单位：万元）' });
  const requested = fen(budget.requestedGrantFen);
  const self = fen(budget.selfFundingFen);
  const rows: string[][] = [
    ['申请资助经费', wan(requested), `每项资助额度不超过 ${fenToWan2(f.capPerProjectFen)} 万元`],
    [
      '单位自筹经费',
      wan(self),
      f.coFundingRatio
        ? `自筹经费与申请资助经费的比例不低于 ${f.coFundingRatio.self}:${f.coFundingRatio.requested}`
        : BLANK,
    ],
    ['合计', requested === null && self === null ? BLANK : fenToWan2((requested ?? 0) + (self ?? 0)), BLANK],
    [
      '其中：立项当年申请额度',
      wan(budget.firstYearRequestFen),
      f.firstYearCapFen !== undefined ? `立项当年支持额度不超过 ${fenToWan2(f.firstYearCapFen)} 万元` : BLANK,
    ],
  ];
  if (f.districtMatching || fen(budget.districtMatchingFen) !== null)
    rows.push([
      '区级配套资金',
      wan(budget.districtMatchingFen),
      !f.districtMatching || f.districtMatching.district === f.districtMatching.municipal
        ? '区已投入或承诺投入的资金不低于市级支持额度'
        : `区级资金与市级支持额度的比例不低于 ${f.districtMatching.district}:${f.districtMatching.municipal}`,
    ]);
  if (fen(budget.techManagerTrainingFen) !== null)
    rows.push(['技术经理人聘用和培养经费', wan(budget.techManagerTrainingFen), BLANK]);
  blocks.push({
    kind: 'table',
    head: ['科目', '金额（万元）', '指南要求'],
    rows,
    widths: [34, 22, 44],
    numeric: [1],
  });

  blocks.push({ kind: 'heading', text: '六、考核指标' });
  const guideKpis = new Map(i.direction.kpis.map((k) => [k.id, k]));
  const kpis = arr(c.kpis);
  blocks.push({
    kind: 'table',
    head: ['序号', '考核指标', '承诺值', '单位', '指南要求'],
    rows: kpis.map((k, n) => {
      const g = guideKpis.get(str(k.kpiId));
      const cmp = CMP_SYMBOL[str(k.comparator) as keyof typeof CMP_SYMBOL] ?? str(k.comparator);
      return [
        String(n + 1),
        str(k.metric),
        `${cmp} ${str(k.value)}`,
        str(k.unit) || g?.unit || BLANK,
        g ? `${CMP_SYMBOL[g.comparator]} ${g.value} ${g.unit}` : '自设指标',
      ];
    }),
    widths: [8, 42, 16, 10, 24],
  });

  blocks.push({ kind: 'heading', text: '七、项目团队与技术经理人' });
  blocks.push({
    kind: 'table',
    head: ['姓名', '分工', '职称', '工作单位'],
    rows: arr(team.members).map((m) => [str(m.name), str(m.role), str(m.title), str(m.employer)]),
    widths: [20, 26, 22, 32],
  });
  blocks.push({ kind: 'paragraph', text: '推荐的优秀技术经理人（团队）：' });
  blocks.push({
    kind: 'table',
    head: ['姓名', '角色', '专职从事技术转移服务年限', '是否为项目负责人'],
    rows: arr(team.techManagers).map((m) => [
      str(m.name),
      TM_ROLE[str(m.role)] ?? str(m.role),
      str(m.yearsFullTime),
      m.isProjectLead === true ? '是' : '否',
    ]),
    widths: [20, 26, 30, 24],
  });

  blocks.push({ kind: 'heading', text: '八、申请回避的专家' });
  const experts = arr(c.excludedExperts);
  if (experts.length === 0) blocks.push({ kind: 'paragraph', text: '无' });
  else
    blocks.push({
      kind: 'table',
      head: ['姓名', '工作单位', '回避理由'],
      rows: experts.map((e) => [str(e.name), str(e.employer), str(e.reason)]),
      widths: [20, 34, 46],
    });

  blocks.push({ kind: 'heading', text: '九、附件清单' });
  if (i.attachments.length === 0) blocks.push({ kind: 'paragraph', text: '无' });
  else
    blocks.push({
      kind: 'table',
      head: ['序号', '附件类型', '文件名', 'SHA-256（前16位）'],
      rows: i.attachments.map((a, n) => [String(n + 1), a.typeLabel, a.name, a.sha256.slice(0, 16)]),
      widths: [8, 30, 38, 24],
    });

  blocks.push({ kind: 'heading', text: '十、承诺' });
  blocks.push({
    kind: 'paragraph',
    text: `${check(declarations.integrityCommitment)} 本人承诺所填报材料真实、准确、完整，如有不实愿承担相应责任（科研诚信承诺）。`,
  });
  blocks.push({
    kind: 'paragraph',
    text: `${check(declarations.noClassifiedContent)} 申报材料不含涉密内容。`,
  });
  blocks.push({
    kind: 'paragraph',
    text: `${check(declarations.ethicsCommitment)} 遵守科研伦理准则、人类遗传资源管理和病原微生物实验室生物安全管理相关规定。`,
  });
  blocks.push({ kind: 'signatures', lines: [{ label: '项目负责人（签字）', date: true }] });
  blocks.push({
    kind: 'paragraph',
    text: '申报单位意见：本单位已对申请人的申请资格负责，并对申请材料的真实性和完整性进行了审核。',
  });
  blocks.push({
    kind: 'signatures',
    lines: [
      { label: '法定代表人（签字）', date: false },
      { label: '申报单位（盖章）', date: true },
    ],
  });

  return {
    title: `${title} 申报书`,
    cover: {
      lines: [
        `上海市${i.call.year}年度“科技创新行动计划”`,
        i.call.title.replace(/^.*?年度“科技创新行动计划”/, '').replace(/申报指南$/, '') || i.call.title,
        '申  报  书',
      ],
      fields: [
        ['项目名称', title],
        ['申报单位', i.org.name],
        ['项目负责人', str(lead.name)],
        ['申报日期', i.receipt ? beijingDateText(i.receipt.submittedAt) : '      年    月    日'],
        ['申报编号', applicationNumber(i.receipt)],
      ],
      stamp: '申报单位（盖章）',
    },
    blocks,
  };
}

export interface ReceiptPaperInput {
  number: string;
  submittedAt: Date | string;
  sha256: string;
  callNumber: string;
  callTitle: string;
  directionTitle: string;
  orgName: string;
  projectTitle: string | null;
}

/** The printed 申报回执. */
export function receiptPaper(r: ReceiptPaperInput): PaperDocument {
  return {
    title: `项目申报回执 ${r.number}`,
    cover: null,
    blocks: [
      { kind: 'heading', text: '项目申报回执' },
      {
        kind: 'fields',
        rows: [
          ['回执编号', r.number],
          ['提交时间', beijingTimeText(r.submittedAt)],
          ['申报指南', `${r.callNumber} ${r.callTitle}`],
          ['申报方向', r.directionTitle],
          ['申报单位', r.orgName],
          ['项目名称', r.projectTitle ?? '（未填写）'],
          ['申报材料摘要（SHA-256）', r.sha256],
        ],
      },
      {
        kind: 'paragraph',
        text: '提交时间为服务器接收时刻（北京时间）。SHA-256 是所提交申报材料的摘要，可用于核对材料自提交后未被改动。',
      },
      { kind: 'stamp', label: '申报单位（盖章）' },
    ],
  };
}
