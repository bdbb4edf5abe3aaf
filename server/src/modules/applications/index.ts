/** The applications module's public face (module boundaries, docs/ARCHITECTURE.md). */
import './applications.tables.js';

export { programmeRoutes } from './applications.module.js';
export { APPLICATION_ERRORS } from './application.policy.js';
export { seedOngoingDemo } from './ongoing.demo.js';
export {
  seedHistoricalDemo,
  seedHistorical2023Demo,
  HISTORICAL_2022_PATH,
  HISTORICAL_2023_PATH,
} from './historical.demo.js';
export { reviewCandidates, reviewDocumentOf, type ReviewCandidate } from './review-candidates.service.js';
export { REDACTED, type ReviewDocument } from './blind.rules.js';
export { awardApplications, applicantRecipients, type AwardedApplication } from './award.service.js';
export { renderDocx } from './document-docx.rules.js';
export type { PaperDocument, Block as PaperBlock } from './document.rules.js';
export { awardedApplications, type AwardedApplicationFacts } from './awarded.service.js';
