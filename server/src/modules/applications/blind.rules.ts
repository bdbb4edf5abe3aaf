/**
 * What an expert reads of an application (issue 12, blind review; Hypha hides reviewer identity, we
 * also hide the applicant's). Built by inclusion, not by deletion: only the project, the feasibility
 * plan, the budget figures and the KPI commitments are copied — never the applicant section, the lead,
 * the team, the avoidance list or attachments. In a blind round every identity string the application
 * itself names (the organisation, the lead, team members and their employers, contact names) is then
 * replaced in the copied text by 【已隐去】, longest first, so an applicant who writes its own name into
 * the summary is not identified by it either.
 */
export const REDACTED = '【已隐去】';

export interface ReviewDocument {
  project: {
    title: string;
    summary: string;
    keywords: string[];
    startDate: string | null;
    endDate: string | null;
  };
  feasibilityPlan: Array<{ title: string; text: string }>;
  budget: {
    requestedGrantFen: number | null;
    firstYearRequestFen: number | null;
    selfFundingFen: number | null;
  };
  kpis: Array<{ metric: string; comparator: string; value: number; unit: string | null }>;
}

/** Readers of stored content (any shape): a string, an object, an array, a finite number, else empty. */
export const str = (v: unknown) => (typeof v === 'string' ? v : '');
export const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The names an application gives of its own people and organisations (the strings a blind copy hides). */
export function identityStrings(content: Record<string, unknown>, orgName: string | null): string[] {
  const applicant = obj(content.applicant);
  const lead = obj(content.lead);
  const names = [
    orgName ?? '',
    str(applicant.contactName),
    str(lead.name),
    ...arr(obj(content.team).members).flatMap((m) => [str(obj(m).name), str(obj(m).employer)]),
    ...arr(obj(content.team).techManagers).map((m) => str(obj(m).name)),
  ]
    .map((s) => s.trim())
    // one-character strings would blank out ordinary words
    .filter((s) => [...s].length >= 2);
  return [...new Set(names)].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

export function redact(text: string, hidden: readonly string[]): string {
  let out = text;
  for (const h of hidden) out = out.split(h).join(REDACTED);
  return out;
}

/** The review copy of an application's content; `hidden` is empty for a round that is not blind. */
export function reviewDocument(content: Record<string, unknown>, hidden: readonly string[]): ReviewDocument {
  const r = (s: unknown) => redact(str(s), hidden);
  const project = obj(content.project);
  const budget = obj(content.budget);
  return {
    project: {
      title: r(project.title),
      summary: r(project.summary),
      keywords: arr(project.keywords).map(r).filter(Boolean),
      startDate: str(project.startDate) || null,
      endDate: str(project.endDate) || null,
    },
    feasibilityPlan: arr(obj(content.feasibilityPlan).sections).map((s) => ({
      title: r(obj(s).title),
      text: r(obj(s).text),
    })),
    budget: {
      requestedGrantFen: num(budget.requestedGrantFen),
      firstYearRequestFen: num(budget.firstYearRequestFen),
      selfFundingFen: num(budget.selfFundingFen),
    },
    kpis: arr(content.kpis).map((k) => ({
      metric: r(obj(k).metric),
      comparator: str(obj(k).comparator),
      value: num(obj(k).value) ?? 0,
      unit: str(obj(k).unit) || null,
    })),
  };
}
