import { useCallback, useEffect, useState } from 'react';
import { Alert, Card, Tabs } from 'antd';
import { marketApi } from '../../api/market.js';
import type { Solution } from '../../api/types.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { useMt } from './i18n.js';
import { SolutionsTable } from './SolutionsTable.js';
import { ChallengeList } from './ChallengeList.js';
import { DictionaryPanel } from './DictionaryPanel.js';
import { MarketFunnel } from './FunnelPage.js';
import { useSearchParams } from 'react-router-dom';

function useSolutions(load: () => Promise<Solution[]>) {
  const [items, setItems] = useState<Solution[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const reload = useCallback(() => {
    setLoading(true);
    load()
      .then((x) => {
        setItems(x);
        setError(undefined);
      })
      .catch(setError)
      .finally(() => setLoading(false));
    // load is a stable function defined at module level or memoised
  }, [load]);
  useEffect(reload, [reload]);
  const replace = (s: Solution) => setItems((prev) => prev.map((x) => (x.id === s.id ? s : x)));
  return { items, loading, error, replace };
}

const loadMine = () => marketApi.mySolutions({ pageSize: 100 }).then((r) => r.items);
/** Solutions received across my (or, for a technology manager, the flagged) needs. */
const loadReceived = async () => {
  const needs = await marketApi.myNeeds({ pageSize: 100 });
  const lists = await Promise.all(
    needs.items
      .filter((n) => n.solutionCount > 0)
      .map((n) => marketApi.needSolutions(n.id).then((r) => r.items)),
  );
  return lists.flat();
};

function Panel({ load, testId }: { load: () => Promise<Solution[]>; testId: string }) {
  const { lang } = useMt();
  const s = useSolutions(load);
  return (
    <>
      {s.error !== undefined && (
        <Alert type="error" showIcon message={problemText(s.error, lang)} style={{ marginBottom: 12 }} />
      )}
      <SolutionsTable items={s.items} loading={s.loading} onChanged={s.replace} showNeed testId={testId} />
    </>
  );
}

/** 供需对接: solutions received (enterprise), my solutions with feedback and timeline (researchers, institutions). */
export function MatchingPage() {
  const me = useMe();
  const { m, t } = useMt();
  const items = [
    ...(can(me, 'need.write')
      ? [
          {
            key: 'received',
            label: m('need.received'),
            children: <Panel load={loadReceived} testId="solutions-received" />,
          },
        ]
      : []),
    ...(can(me, 'solution.write')
      ? [{ key: 'mine', label: m('sol.mine'), children: <Panel load={loadMine} testId="solutions-mine" /> }]
      : []),
    { key: 'funnel', label: m('funnel.title'), children: <MarketFunnel /> },
    { key: 'challenges', label: m('ch.title'), children: <ChallengeList /> },
    ...(can(me, 'dictionary.manage')
      ? [{ key: 'dictionary', label: m('dict.title'), children: <DictionaryPanel /> }]
      : []),
  ];
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? items[0].key;
  return (
    <div data-testid="page-matching">
      <PageHeader title={t('nav.matching')} subtitle={m('sol.mineSubtitle')} />
      <Card variant="borderless">
        <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k })} items={items} destroyOnHidden />
      </Card>
    </div>
  );
}
