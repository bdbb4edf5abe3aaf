import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../placeholder/NotFoundPage.js';
import { AchievementDetail } from './AchievementDetail.js';
import { AchievementForm } from './AchievementForm.js';
import { ImportPage } from './ImportPage.js';
import { AchievementsPage } from './AchievementsPage.js';
import { ChallengeDetail } from './ChallengeDetail.js';
import { MarketBase } from './common.js';
import { FunnelPage } from './FunnelPage.js';
import { MatchingPage } from './MatchingPage.js';
import { NeedDetail } from './NeedDetail.js';
import { NeedForm } from './NeedForm.js';
import { NeedsPage } from './NeedsPage.js';
import { AchievementLibraryPage, PublicChallengesPage, PublicNeedsPage } from './PublicPages.js';
import './market.css';

/** The technology market inside the workspace (/market/*). */
export function MarketRoutes() {
  return (
    <MarketBase.Provider value="/market">
      <Routes>
        <Route path="achievements" element={<AchievementsPage />} />
        <Route path="achievements/new" element={<AchievementForm />} />
        <Route path="achievements/import" element={<ImportPage />} />
        <Route path="achievements/:id/edit" element={<AchievementForm />} />
        <Route path="achievements/:id" element={<AchievementDetail />} />
        <Route path="needs" element={<NeedsPage />} />
        <Route path="needs/new" element={<NeedForm />} />
        <Route path="needs/:id/edit" element={<NeedForm />} />
        <Route path="needs/:id" element={<NeedDetail />} />
        <Route path="matching" element={<MatchingPage />} />
        <Route path="challenges/:id" element={<ChallengeDetail />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </MarketBase.Provider>
  );
}

/** The public market site (/open/*), no sign-in. */
export function PublicMarketRoutes() {
  return (
    <Routes>
      <Route path="achievements" element={<AchievementLibraryPage />} />
      <Route path="achievements/:id" element={<AchievementDetail />} />
      <Route path="needs" element={<PublicNeedsPage />} />
      <Route path="needs/:id" element={<NeedDetail />} />
      <Route path="challenges" element={<PublicChallengesPage />} />
      <Route path="challenges/:id" element={<ChallengeDetail />} />
      <Route path="funnel" element={<FunnelPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
