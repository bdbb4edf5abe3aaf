/** Step 回避专家 (excludedExperts): experts the applicant asks to keep off its review, with reasons. */
import { TextRowList } from './TextRowList.js';

export function AvoidanceSection() {
  return (
    <TextRowList
      name="excludedExperts"
      columns={[
        { field: 'name', label: 'f.leadName', span: 5, maxLength: 100 },
        { field: 'employer', label: 'f.employer', span: 7, maxLength: 200 },
        { field: 'reason', label: 'f.reason', span: 10, maxLength: 1000 },
      ]}
      addLabel="f.addExpert"
      addTestId="add-expert"
    />
  );
}
