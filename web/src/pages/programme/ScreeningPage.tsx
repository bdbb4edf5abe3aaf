/** 形式审查: per call, every submitted application's result, findings, confirm/override with a reason, Excel. */
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Empty, Table } from 'antd';
import { DatabaseOutlined, DownloadOutlined, PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { callsApi, screeningApi } from '../../api/programme.js';
import type { CallSummary, PublicCall, ScreeningItem, ScreeningList } from '../../api/types.js';
import type { Query } from '../../api/client.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { Forbidden } from '../../components/Forbidden.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { useP } from './i18n.js';
import { findingsRowRender, screeningColumns } from './screening/columns.js';
import { DecisionModal, type Decision } from './screening/DecisionModal.js';
import { ScreeningFilters } from './screening/ScreeningFilters.js';
import { ScreeningSummary } from './screening/ScreeningSummary.js';

export function ScreeningPage() {
  const me = useMe();
  return can(me, 'screening.read') ? <Screening /> : <Forbidden />;
}

function Screening() {
  const me = useMe();
  const { p, lang, fmt, L, pick } = useP();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [calls, setCalls] = useState<CallSummary[]>([]);
  const callId = params.get('call') ?? undefined;
  const [call, setCall] = useState<PublicCall>();
  const [filters, setFilters] = useState<Query>({});
  const [data, setData] = useState<ScreeningList>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [running, setRunning] = useState<string>();

  useEffect(() => {
    callsApi
      .list({ pageSize: 100 })
      .then((r) => {
        const usable = r.items.filter((c) => c.status !== 'draft');
        setCalls(usable);
        if (!callId && usable[0]) setParams({ call: usable[0].id }, { replace: true });
      })
      .catch(setError);
  }, []);
  useEffect(() => {
    if (callId) callsApi.publicPage(callId).then(setCall, () => setCall(undefined));
  }, [callId]);

  const load = useCallback(() => {
    if (!callId) return;
    setLoading(true);
    screeningApi
      .list(callId, filters)
      .then((d) => {
        setData(d);
        setError(undefined);
      }, setError)
      .finally(() => setLoading(false));
  }, [callId, filters]);
  useEffect(load, [load]);

  const runAll = async () => {
    if (!callId) return;
    try {
      let run = await screeningApi.run(callId);
      while (run.status === 'running') {
        setRunning(p('screen.running', { d: run.done, t: run.total }));
        await new Promise((r) => setTimeout(r, 800));
        run = await screeningApi.runStatus(callId, run.id);
      }
      setRunning(undefined);
      if (run.status === 'failed') message.error(run.error ?? 'failed');
      else message.success(p('screen.runDone'));
      load();
    } catch (e) {
      setRunning(undefined);
      setError(e);
    }
  };

  const columns = screeningColumns({ p, lang, fmt, L });
  const findingRows = findingsRowRender({ p, fmt, L, pick }, can(me, 'screening.decide'), setDeciding);

  const directions = call?.directions ?? [];
  return (
    <div data-testid="page-screening">
      <PageHeader
        title={p('screen.title')}
        subtitle={p('screen.subtitle')}
        extra={
          <>
            {can(me, 'ongoingProjects.read') && (
              <Link to="ongoing-projects" relative="path" data-testid="screening-ongoing">
                <Button icon={<DatabaseOutlined />}>{p('screen.ongoing')}</Button>
              </Link>
            )}
            {can(me, 'screening.run') && (
              <Button
                icon={<PlayCircleOutlined />}
                onClick={() => void runAll()}
                loading={!!running}
                disabled={!callId}
              >
                {running ?? p('screen.run')}
              </Button>
            )}
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              disabled={!callId}
              data-testid="screening-export"
              onClick={() => callId && screeningApi.exportExcel(callId, filters).catch(setError)}
            >
              {p('screen.export')}
            </Button>
          </>
        }
      />
      <ScreeningFilters
        calls={calls}
        callId={callId}
        directions={directions}
        onCallChange={(v) => setParams({ call: v })}
        onFiltersChange={setFilters}
      />
      {data && <ScreeningSummary summary={data.summary} />}
      <Card variant="borderless" extra={<Button type="text" icon={<ReloadOutlined />} onClick={load} />}>
        {error !== undefined && (
          <Alert type="error" showIcon message={problemText(error, lang)} style={{ marginBottom: 12 }} />
        )}
        <Table<ScreeningItem>
          rowKey="applicationId"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 1600 }}
          expandable={{ expandedRowRender: findingRows, rowExpandable: () => true }}
          locale={{ emptyText: <Empty description={p('screen.empty')} /> }}
          pagination={{ pageSize: 20 }}
          data-testid="screening-table"
        />
      </Card>
      <DecisionModal
        value={deciding}
        onClose={() => setDeciding(null)}
        onDone={() => {
          setDeciding(null);
          message.success(p('flow.done'));
          load();
        }}
      />
    </div>
  );
}
