/** The sections of the application form (申报书), one per step. Money in 万元, sent as fen. */
import type { ReactNode } from 'react';
import type { PKey } from './i18n.js';
import { AvoidanceSection } from './formSections/AvoidanceSection.js';
import { BudgetSection } from './formSections/BudgetSection.js';
import { DeclarationsSection } from './formSections/DeclarationsSection.js';
import { FeasibilitySection } from './formSections/FeasibilitySection.js';
import { KpiCommitments } from './formSections/KpiCommitments.js';
import { ProjectSection } from './formSections/ProjectSection.js';
import { TeamSection } from './formSections/TeamSection.js';

export const STEPS: Array<{ key: string; title: PKey }> = [
  { key: 'project', title: 'form.project' },
  { key: 'feasibility', title: 'form.feasibility' },
  { key: 'budget', title: 'form.budget' },
  { key: 'kpis', title: 'form.kpis' },
  { key: 'team', title: 'form.team' },
  { key: 'avoidance', title: 'form.avoidance' },
  { key: 'declarations', title: 'form.declarations' },
  { key: 'attachments', title: 'form.attachments' },
  { key: 'review', title: 'form.review' },
];

/** Every section stays mounted (hidden when not the current step), so its fields keep their values. */
function Section({ show, children, testId }: { show: boolean; children: ReactNode; testId: string }) {
  return (
    <div style={{ display: show ? 'block' : 'none' }} data-testid={testId}>
      {children}
    </div>
  );
}

export function FormSections({
  step,
  direction,
  leadSelect,
}: {
  step: string;
  direction?: Record<string, any>;
  leadSelect?: ReactNode;
}) {
  return (
    <>
      <Section show={step === 'project'} testId="step-project">
        <ProjectSection leadSelect={leadSelect} />
      </Section>
      <Section show={step === 'feasibility'} testId="step-feasibility">
        <FeasibilitySection />
      </Section>
      <Section show={step === 'budget'} testId="step-budget">
        <BudgetSection direction={direction} />
      </Section>
      <Section show={step === 'kpis'} testId="step-kpis">
        <KpiCommitments direction={direction} />
      </Section>
      <Section show={step === 'team'} testId="step-team">
        <TeamSection />
      </Section>
      <Section show={step === 'avoidance'} testId="step-avoidance">
        <AvoidanceSection />
      </Section>
      <Section show={step === 'declarations'} testId="step-declarations">
        <DeclarationsSection />
      </Section>
    </>
  );
}
