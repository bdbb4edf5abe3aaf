/**
 * Test helpers for Programme I through HTTP (tests only): publish the 2023 guide, make applicant
 * organisations with their admin and project lead, upload attachments, walk an application to
 * "approved". Everything goes through the real routes.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createOrg, createUser, loginAs } from '../../testing/factories.js';
import type { OrgType } from '../identity/index.js';
import type { Call } from '../calls/index.js';
import { findDirection } from '../calls/index.js';
import { guide2023, neededAttachments, passingContent, pdf } from './programme.fixtures.js';

export const OPENS = '2023-10-11T09:00:00+08:00';
export const CLOSES = '2023-10-30T16:30:00+08:00';
export const DURING = new Date('2023-10-20T10:00:00+08:00');

export type Http = (
  cookie: string | null,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  headers?: Record<string, string>,
) => Promise<{
  statusCode: number;
  json: () => any;
  body: string;
  headers: Record<string, unknown>;
  rawPayload: Buffer;
}>;

export function httpOf(env: TestEnv): Http {
  return (cookie, method, url, payload, headers = {}) =>
    env.app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { ...(cookie ? { cookie } : {}), ...headers },
    }) as never;
}

export async function publishGuide(
  env: TestEnv,
  staff: string,
  mutate?: (c: Call) => void,
): Promise<{ id: string; call: Call }> {
  const http = httpOf(env);
  const call = guide2023();
  call.status = 'draft';
  mutate?.(call);
  const imp = await http(staff, 'POST', '/api/calls/import', call);
  if (imp.statusCode !== 201) throw new Error(`import: ${imp.statusCode} ${imp.body}`);
  const id = imp.json().id as string;
  const pub = await http(staff, 'POST', `/api/calls/${id}/publish`);
  if (pub.statusCode !== 200) throw new Error(`publish: ${pub.statusCode} ${pub.body}`);
  return { id, call };
}

export interface Applicant {
  orgId: string;
  orgType: OrgType;
  admin: { id: string; cookie: string };
  lead: { id: string; cookie: string };
}

export async function makeApplicant(
  env: TestEnv,
  orgType: OrgType,
  region = '上海市徐汇区',
): Promise<Applicant> {
  const org = await createOrg(env, { type: orgType, region, name: `${orgType}-${randomUUID().slice(0, 6)}` });
  const admin = await createUser(env, { roles: ['orgAdmin'], orgId: org.id });
  const lead = await createUser(env, { roles: ['projectLead'], orgId: org.id });
  return {
    orgId: org.id,
    orgType,
    admin: { id: admin.user.id, cookie: await loginAs(env, admin) },
    lead: { id: lead.user.id, cookie: await loginAs(env, lead) },
  };
}

export async function makeDistrictOfficer(env: TestEnv, region = '上海市徐汇区') {
  const org = await createOrg(env, {
    type: 'districtOffice',
    region,
    name: `${region}科委-${randomUUID().slice(0, 4)}`,
  });
  const u = await createUser(env, { roles: ['districtOfficer'], orgId: org.id });
  return { id: u.user.id, orgId: org.id, cookie: await loginAs(env, u) };
}

function multipart(filename: string, content: Buffer) {
  const boundary = `----to${randomUUID().replace(/-/g, '')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
      'utf8',
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function uploadPdf(
  env: TestEnv,
  cookie: string,
  name: string,
): Promise<{ id: string; sha256: string }> {
  const m = multipart(name, pdf(`${name} ${randomUUID()}`));
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/files?purpose=application.attachment',
    payload: m.payload,
    headers: { ...m.headers, cookie },
  });
  if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Starts an application and fills it completely (content + attachments); returns its id. */
export async function fillApplication(
  env: TestEnv,
  call: Call,
  callId: string,
  a: Applicant,
  directionCode: string,
): Promise<string> {
  const http = httpOf(env);
  const s = await http(a.admin.cookie, 'POST', '/api/applications', {
    callId,
    directionCode,
    leadUserId: a.lead.id,
  });
  if (s.statusCode !== 201) throw new Error(`start: ${s.statusCode} ${s.body}`);
  const id = s.json().id as string;
  const save = await http(a.lead.cookie, 'PATCH', `/api/applications/${id}/draft`, {
    content: passingContent(
      call,
      directionCode,
      a.orgType,
      `${findDirection(call, directionCode)!.direction.title}项目`,
    ),
  });
  if (save.statusCode !== 200) throw new Error(`save: ${save.statusCode} ${save.body}`);
  for (const type of neededAttachments(call, directionCode, a.orgType)) {
    const f = await uploadPdf(env, a.lead.cookie, `${type}.pdf`);
    const at = await http(a.lead.cookie, 'POST', `/api/applications/${id}/attachments`, {
      type,
      fileId: f.id,
    });
    if (at.statusCode !== 201) throw new Error(`attach: ${at.statusCode} ${at.body}`);
  }
  return id;
}

/** Sends for review, approves as the org and (when needed) recommends as the district. */
export async function approve(env: TestEnv, id: string, a: Applicant, district?: { cookie: string }) {
  const http = httpOf(env);
  const steps: [string, string, unknown][] = [
    [a.lead.cookie, `/api/applications/${id}/send-for-review`, undefined],
    [a.admin.cookie, `/api/applications/${id}/org-review`, { decision: 'approve' }],
  ];
  if (district)
    steps.push([
      district.cookie,
      `/api/applications/${id}/district-review`,
      { decision: 'approve', commitmentFen: 400 * 1_000_000, opinion: '同意推荐，区级配套400万元' },
    ]);
  for (const [cookie, url, body] of steps) {
    const r = await http(cookie, 'POST', url, body);
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
  }
}

/** What a Programme I test file shares: its database, a staff session and the published 2023 guide. */
export interface ProgrammeSuite {
  env: TestEnv;
  http: Http;
  staff: string;
  call: Call;
  callId: string;
}

/**
 * Registers the file's beforeAll/afterAll: a fresh database with its own files folder, the clock
 * inside the 2023 window (DURING) and the guide published by commission staff. Read the fields in
 * tests (they are set once beforeAll has run).
 */
/** A test database with the 2023 guide published (`mutate` changes the guide first: a one-round call). */
export function programmeSuite(prefix: string, mutate?: (c: Call) => void): ProgrammeSuite {
  const suite = {} as ProgrammeSuite;
  let filesDir = '';
  beforeAll(async () => {
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    suite.env = await createTestEnv({ filesDir });
    suite.env.setNow(DURING);
    suite.http = httpOf(suite.env);
    suite.staff = await loginAs(suite.env, ['commissionStaff']);
    ({ id: suite.callId, call: suite.call } = await publishGuide(suite.env, suite.staff, mutate));
  });
  afterAll(async () => {
    await suite.env?.close();
    if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
  });
  return suite;
}
