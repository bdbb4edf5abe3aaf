/** The suite's request helper (programme.testkit.ts `Http`; a testkit cannot import another). */
type Http = (
  cookie: string | null,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
) => Promise<{ statusCode: number; json: () => any; body: string }>;
/**
 * Test helper (tests only): a call's funding plan drafted, set to the given lines and consulted through
 * the real routes, ready for the public notice to be drafted from it (notice.test.ts).
 */

export interface TestPlanLine {
  applicationId: string;
  grantFen: number;
  firstYearFen?: number;
  reason?: string;
}

export async function consultedPlan(
  http: Http,
  staff: string,
  callId: string,
  lines: readonly TestPlanLine[],
  consultedOn = '2023-11-24',
): Promise<string> {
  const draft = await http(staff, 'POST', '/api/review/funding-plans', {
    callId,
    title: '2023年度资助计划（测试）',
  });
  if (draft.statusCode !== 201) throw new Error(`draft plan: ${draft.statusCode} ${draft.body}`);
  const plan = draft.json();
  const revised = await http(staff, 'PATCH', `/api/review/funding-plans/${plan.id}`, {
    version: plan.version,
    lines: lines.map((l) => ({ firstYearFen: Math.min(l.grantFen, 300_000_000), ...l })),
  });
  if (revised.statusCode !== 200) throw new Error(`revise plan: ${revised.statusCode} ${revised.body}`);
  const consulted = await http(staff, 'POST', `/api/review/funding-plans/${plan.id}/consult`, {
    version: revised.json().version,
    consultedOn,
    note: '同意按计划公示',
  });
  if (consulted.statusCode !== 200)
    throw new Error(`consult plan: ${consulted.statusCode} ${consulted.body}`);
  return plan.id;
}
