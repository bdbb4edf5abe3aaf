/**
 * Demo rows of the commission's ongoing-projects registry (在研项目登记), loaded through the real
 * import (an .xlsx built here, committed, audited). SYNTHETIC: project numbers, names and ID numbers
 * are made up (the ID numbers pass the GB 11643 check character but belong to nobody). The demo
 * project lead (demo.lead) leads one ongoing and one closed project, so the §二.7 rule shows
 * "实际：1项" and a declaration of 0 is flagged for staff. Idempotent: skipped when rows exist.
 */
import ExcelJS from 'exceljs';
import type { AppContext } from '../../platform/context.js';
import { callerFor } from '../../platform/caller.js';
import type { Actor } from '../../platform/roles.js';
import { ONGOING_COLUMNS } from './ongoing.rules.js';
import { listOngoing } from './ongoing.repo.js';
import { importOngoingProjects } from './ongoing.service.js';

export async function seedOngoingDemo(
  ctx: AppContext,
  actor: Actor,
  o: {
    lead: { name: string; idNumber: string };
    leadOrg: { name: string; uscc: string };
    otherOrg: { name: string; uscc: string };
  },
): Promise<{ created: number; existing: boolean }> {
  if ((await listOngoing(ctx.db, { page: 1, pageSize: 1 })).total > 0) return { created: 0, existing: true };
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('在研项目');
  ws.addRow(ONGOING_COLUMNS.map((c) => c.zh));
  const row = (r: Record<string, string>) => ws.addRow(ONGOING_COLUMNS.map((c) => r[c.key] ?? ''));
  const tts = '科技成果转化服务体系建设项目';
  row({
    projectNumber: 'DEMO-22DZ2200100',
    title: '（演示）高校概念验证中心建设',
    leadName: o.lead.name,
    leadIdNumber: o.lead.idNumber,
    orgName: o.leadOrg.name,
    orgUscc: o.leadOrg.uscc,
    programme: tts,
    startsOn: '2022-07-01',
    endsOn: '2025-06-30',
    status: '在研',
  });
  row({
    projectNumber: 'DEMO-20DZ2200300',
    title: '（演示）技术转移服务平台',
    leadName: o.lead.name,
    leadIdNumber: o.lead.idNumber,
    orgName: o.leadOrg.name,
    orgUscc: o.leadOrg.uscc,
    programme: tts,
    startsOn: '2020-07-01',
    endsOn: '2022-06-30',
    status: '结题',
  });
  for (const [n, id] of [
    ['DEMO-23DZ2200500', '310110197503150039'],
    ['DEMO-22DZ2200600', '310110197503150039'],
    ['DEMO-23DZ2200700', '310104198207200043'],
  ] as const)
    row({
      projectNumber: n,
      title: `（演示）在研项目 ${n.slice(5)}`,
      leadName: id.startsWith('310110') ? '吕演示（虚构）' : '施演示（虚构）',
      leadIdNumber: id,
      orgName: o.otherOrg.name,
      orgUscc: o.otherOrg.uscc,
      programme: tts,
      status: '在研',
    });
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const r = await importOngoingProjects(ctx, callerFor(ctx, actor), {
    filename: '在研项目登记（演示）.xlsx',
    contentBase64: buf.toString('base64'),
    dryRun: false,
  });
  return { created: r.created, existing: false };
}
