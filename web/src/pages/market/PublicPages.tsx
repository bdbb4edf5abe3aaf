import { Card } from 'antd';
import { PageHeader } from '../../components/PageHeader.js';
import { AchievementLibrary } from './AchievementLibrary.js';
import { useMt } from './i18n.js';
import { PublicNeeds } from './NeedsPage.js';
import { ChallengeList } from './ChallengeList.js';

export function AchievementLibraryPage() {
  const { m } = useMt();
  return (
    <>
      <PageHeader title={m('lib.title')} subtitle={m('lib.subtitle')} />
      <AchievementLibrary />
    </>
  );
}

export function PublicNeedsPage() {
  const { m } = useMt();
  return (
    <>
      <PageHeader title={m('need.public')} subtitle={m('need.subtitle')} />
      <Card variant="borderless">
        <PublicNeeds />
      </Card>
    </>
  );
}

export function PublicChallengesPage() {
  const { m } = useMt();
  return (
    <>
      <PageHeader title={m('ch.title')} subtitle={m('ch.subtitle')} />
      <Card variant="borderless">
        <ChallengeList />
      </Card>
    </>
  );
}
