import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/db-types.js';
import type {
  AchievementStatus,
  IpItem,
  Ownership,
  Person,
  ContributingOrg,
  ResearcherContact,
} from './achievement.rules.js';
import type { NeedQualityIssue } from './need.rules.js';
import type { RejectReason, SolutionStatus } from './solution.rules.js';
import type { ChallengeStatus } from './challenge.rules.js';
import type { NeedStatus } from './need.workflow.js';

type Created = ColumnType<Date, Date | string | undefined, Date | string>;
type Fen = ColumnType<number | string, number | bigint | null, number | bigint | null> | null;

export interface AchievementTable {
  id: string;
  title: string;
  abstract: string;
  keywords: string[];
  field: string;
  region: Generated<string>;
  organisations: Json<ContributingOrg[]>;
  people: Json<Person[]>;
  ip_items: Json<IpItem[]>;
  trl: number;
  ownership: Ownership;
  transfer_modes: string[];
  price_min_fen: Fen;
  price_max_fen: Fen;
  researcher_contact: Json<ResearcherContact> | null;
  tech_manager_id: string | null;
  owner_org_id: string;
  created_by: string | null;
  status: Generated<AchievementStatus>;
  return_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  published_at: Timestamp | null;
  external_ref: string | null;
  source: Generated<'user' | 'import' | 'kppatent' | 'generated'>;
  version: Generated<number>;
  created_at: Created;
  updated_at: Created;
}

export interface NeedTable {
  id: string;
  title: string;
  problem: string;
  indicators: string[];
  keywords: string[];
  field: string;
  region: Generated<string>;
  budget_min_fen: Fen;
  budget_max_fen: Fen;
  deadline: ColumnType<string | Date | null, string | null, string | null>;
  confidentiality: 'public' | 'summaryOnly' | 'private';
  summary: string | null;
  status: Generated<NeedStatus>;
  quality_score: number;
  quality_issues: Json<NeedQualityIssue[]>;
  needs_refinement: boolean;
  refined_by: string | null;
  refined_at: Timestamp | null;
  challenge_id: string | null;
  org_id: string;
  created_by: string | null;
  published_at: Timestamp | null;
  version: Generated<number>;
  created_at: Created;
  updated_at: Created;
}

export interface SolutionTable {
  id: string;
  need_id: string;
  title: string;
  summary: string;
  approach: string;
  keywords: string[];
  trl: number | null;
  quote_fen: Fen;
  achievement_id: string | null;
  solver_org_id: string;
  solver_user_id: string;
  status: Generated<SolutionStatus>;
  round: Generated<number>;
  reject_reason: RejectReason | null;
  reject_text: string | null;
  feedback: string | null;
  contract_amount_fen: Fen;
  judged_by: string | null;
  judged_at: Timestamp | null;
  shortlisted_at: Timestamp | null;
  introduced_at: Timestamp | null;
  negotiating_at: Timestamp | null;
  signed_at: Timestamp | null;
  version: Generated<number>;
  created_at: Created;
  updated_at: Created;
}

export interface SolutionEventTable {
  id: Generated<number>;
  solution_id: string;
  from_status: string | null;
  to_status: string;
  actor_id: string | null;
  note: string | null;
  at: Created;
}

export interface ChallengeTable {
  id: string;
  title: string;
  description: string;
  kind: 'challenge' | 'jiebang';
  organiser_org_id: string;
  status: Generated<ChallengeStatus>;
  opens_at: Timestamp;
  closes_at: Timestamp;
  rounds: number;
  current_round: Generated<number>;
  result_note: string | null;
  results_published_at: Timestamp | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: Created;
  updated_at: Created;
}

declare module '../../platform/db-types.js' {
  interface DB {
    market_achievements: AchievementTable;
    market_needs: NeedTable;
    market_solutions: SolutionTable;
    market_solution_events: SolutionEventTable;
    market_challenges: ChallengeTable;
    market_challenge_scores: {
      challenge_id: string;
      solution_id: string;
      expert_id: string;
      round: number;
      score: number;
      comment: string | null;
      at: Created;
    };
    market_challenge_winners: { challenge_id: string; solution_id: string; rank: number; award: string };
  }
}
