/**
 * What review tests share: experts in the pool (real accounts, added through the pool's Excel import),
 * submitted applications that passed screening, and a score sheet like the one seed 003 §二 B22 ③
 * names (专家评分表; its 附件1 template is not in the seed, so the criteria here are illustrative).
 */
import ExcelJS from 'exceljs';
import type { TestEnv } from '../../testing/harness.js';
import { createUser, loginAs, type CreatedUser } from '../../testing/factories.js';
import type { ScoreSheet } from './score-sheet.schema.js';

/** The suite's request helper (programme.testkit.ts `Http`; a testkit cannot import another). */
type Http = (
  cookie: string | null,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
) => Promise<{ statusCode: number; json: () => any; body: string }>;

export const SHEET: ScoreSheet = {
  criteria: [
    { key: 'innovation', label: '技术先进性与创新性', labelEn: 'Technical merit', maxScore: 30, weight: 30 },
    { key: 'market', label: '转化前景与市场价值', labelEn: 'Transfer prospects', maxScore: 30, weight: 30 },
    { key: 'team', label: '团队与平台能力', labelEn: 'Team and platform', maxScore: 20, weight: 20 },
    { key: 'plan', label: '实施方案与绩效目标', labelEn: 'Plan and targets', maxScore: 20, weight: 20 },
  ],
  commentRequiredBelow: 60,
  recommendations: [
    { key: 'fund', label: '建议立项', labelEn: 'Fund', endorses: true },
    { key: 'maybe', label: '可立项', labelEn: 'Could be funded', endorses: false },
    { key: 'reject', label: '不建议立项', labelEn: 'Do not fund', endorses: false },
  ],
  overallCommentRequired: true,
};

/** A full sheet scoring `pct` % of every maximum. */
export function fullEntry(pct: number, recommendation = 'fund') {
  return {
    scores: Object.fromEntries(SHEET.criteria.map((c) => [c.key, Math.round((c.maxScore * pct) / 100)])),
    comments: Object.fromEntries(
      SHEET.criteria.filter(() => pct < 60).map((c) => [c.key, `${c.label}不足，需进一步论证。`]),
    ),
    recommendation,
    overallComment: '项目基础扎实，建议按计划推进。',
  };
}

export interface PoolExpertSpec {
  name: string;
  orgId: string;
  orgName: string;
  fields: string;
  keywords?: string;
  maxLoadPerRound?: number;
  availability?: string;
}

export interface MadeExpert {
  id: string;
  name: string;
  cookie: string;
  user: CreatedUser;
}

/** Expert accounts, added to the pool through its Excel import (as the programme office does). */
export async function makePoolExperts(
  env: TestEnv,
  office: string,
  specs: PoolExpertSpec[],
): Promise<MadeExpert[]> {
  const users: CreatedUser[] = [];
  for (const s of specs)
    users.push(await createUser(env, { roles: ['expert'], orgId: s.orgId, name: s.name }));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('专家');
  ws.addRow([
    '姓名',
    '电子邮箱',
    '联系电话',
    '工作单位',
    '职称',
    '技术领域',
    '关键词',
    '个人简介',
    '可评审时间',
    '每轮最多评审数',
    '是否在库',
  ]);
  specs.forEach((s, i) =>
    ws.addRow([
      s.name,
      users[i]!.user.email,
      '',
      s.orgName,
      '教授',
      s.fields,
      s.keywords ?? '',
      '',
      s.availability ?? '',
      s.maxLoadPerRound ?? 5,
      '是',
    ]),
  );
  const contentBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/experts/profiles/import',
    headers: { cookie: office },
    payload: { filename: 'pool.xlsx', contentBase64 },
  });
  const report = res.json();
  if (res.statusCode !== 200 || report.rejected)
    throw new Error(`pool import: ${res.statusCode} ${res.body}`);
  const out: MadeExpert[] = [];
  for (const [i, u] of users.entries())
    out.push({ id: u.user.id, name: specs[i]!.name, cookie: await loginAs(env, u), user: u });
  return out;
}

interface RoundSuite {
  env: TestEnv;
  http: Http;
}
interface RoundItem {
  applicationId: string;
  experts: Array<{ assignmentId: string; expertUserId: string; status: string; version: number }>;
}

/** Every assigned expert accepts and submits, scoring each application as `pct(applicationId)`. */
export async function scoreRound(
  s: RoundSuite,
  roundId: string,
  cookies: ReadonlyMap<string, string>,
  pct: (applicationId: string) => number,
) {
  const office = await loginAs(s.env, ['commissionStaff']);
  const round = (await s.http(office, 'GET', `/api/review/rounds/${roundId}`)).json();
  for (const item of round.items as RoundItem[])
    for (const e of item.experts) {
      const cookie = cookies.get(e.expertUserId)!;
      const acc = await s.http(cookie, 'POST', `/api/review/tasks/${e.assignmentId}/accept`, {
        version: e.version,
      });
      if (acc.statusCode !== 200) throw new Error(`accept: ${acc.statusCode} ${acc.body}`);
      const sub = await s.http(cookie, 'POST', `/api/review/tasks/${e.assignmentId}/submit`, {
        ...fullEntry(pct(item.applicationId)),
        version: acc.json().version,
      });
      if (sub.statusCode !== 200) throw new Error(`submit: ${sub.statusCode} ${sub.body}`);
    }
}

/** Opens or closes a round as commission staff. */
export async function stepRound(s: RoundSuite, roundId: string, action: 'open' | 'close') {
  const office = await loginAs(s.env, ['commissionStaff']);
  const cur = (await s.http(office, 'GET', `/api/review/rounds/${roundId}`)).json();
  const res = await s.http(office, 'POST', `/api/review/rounds/${roundId}/${action}`, {
    version: cur.version,
  });
  if (res.statusCode !== 200) throw new Error(`${action}: ${res.statusCode} ${res.body}`);
}
