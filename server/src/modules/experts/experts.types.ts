/** An expert's own description, as the pool keeps it (version counts the edits). */
export interface ExpertProfile {
  userId: string;
  fields: string[];
  keywords: string[];
  bio: string;
  version: number;
}

export interface ExpertProfileInput {
  fields: string[];
  keywords: string[];
  bio: string;
}

/** What a recommendation shows of an expert: name, organisation, fields; never contact details. */
export interface ExpertCard {
  id: string;
  name: string;
  org_name: string;
  fields: string[];
}

/** A profile the search index reads (active users holding the expert role). */
export interface IndexedExpert {
  userId: string;
  fields: string[];
  keywords: string[];
  bio: string;
}

/** What a review round needs of an expert of the pool: the conflict facts, the affinity text, the load. */
export interface ReviewPoolExpert {
  userId: string;
  name: string;
  orgId: string | null;
  orgName: string;
  title: string;
  fields: string[];
  keywords: string[];
  maxLoadPerRound: number;
  availability: Array<{ from: string; to: string }>;
}
