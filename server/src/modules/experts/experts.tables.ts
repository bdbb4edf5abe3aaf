import type { ColumnType, Generated } from 'kysely';

export interface AvailabilityWindow {
  from: string;
  to: string;
}

type Created = ColumnType<Date, Date | string | undefined, Date | string>;

/**
 * The expert pool (专家库): what an expert says they know, used for matching and for choosing
 * reviewers. The SQL names keep their `market_` prefix (migrations 0040, 0041); the experts module
 * owns them, and other modules reach them only through experts/index.ts.
 */
export interface ExpertProfileTable {
  user_id: string;
  fields: string[];
  keywords: string[];
  bio: string;
  /** the organisation as the expert names it; `org_id` when it is a platform organisation */
  org_name: Generated<string>;
  org_id: string | null;
  /** 职称 */
  title: Generated<string>;
  contact_phone: string | null;
  contact_email: string | null;
  /** windows the expert can review in: [{ from, to }] Asia/Shanghai dates, inclusive; [] = always */
  availability: ColumnType<AvailabilityWindow[], string | undefined, string>;
  max_load_per_round: Generated<number>;
  active: Generated<boolean>;
  source: Generated<'profile' | 'import' | 'staff' | 'demo'>;
  version: Generated<number>;
  updated_at: Created;
}

/** The experts assigned to judge a challenge (挑战赛初筛专家). */
export interface ChallengeExpertTable {
  challenge_id: string;
  user_id: string;
}

declare module '../../platform/db-types.js' {
  interface DB {
    market_expert_profiles: ExpertProfileTable;
    market_challenge_experts: ChallengeExpertTable;
  }
}
