/**
 * 在研项目登记: staff import the commission's registry of ongoing projects (Excel) — dry run, the
 * row-by-row report, then import — and see what is registered (ID numbers masked). The rule of
 * guide 2023 §二.7 counts these projects beside the applicant's declaration.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ongoingApi } from '../../api/programme.js';
import type { OngoingImportReport, OngoingProject } from '../../api/types.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { Forbidden } from '../../components/Forbidden.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { useP } from './i18n.js';

const OUTCOME_COLOR = { created: 'success', updated: 'processing', rejected: 'error' } as const;

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).split(',')[1] ?? '');
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

export function OngoingProjectsPage() {
  const me = useMe();
  return can(me, 'ongoingProjects.read') ? <Ongoing /> : <Forbidden />;
}

function Ongoing() {
  const me = useMe();
  const { p, lang } = useP();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<OngoingImportReport | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState<false | 'dry' | 'real'>(false);
  const [list, setList] = useState<{ total: number; items: OngoingProject[] }>();
  const [page, setPage] = useState(1);

  const load = useCallback(() => {
    ongoingApi.list({ page, pageSize: 50 }).then(setList, (e) => setError(problemText(e, lang)));
  }, [page, lang]);
  useEffect(load, [load]);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'dry' : 'real');
    setError('');
    try {
      setReport(
        await ongoingApi.importExcel({ filename: file.name, contentBase64: await toBase64(file), dryRun }),
      );
      if (!dryRun) load();
    } catch (e) {
      setError(problemText(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="page-ongoing-projects">
      <PageHeader title={p('ongoing.title')} subtitle={p('ongoing.subtitle')} />
      {can(me, 'ongoingProjects.import') && (
        <Card variant="borderless" style={{ marginBottom: 16 }}>
          <Space wrap>
            <Upload
              accept=".xlsx"
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                setReport(null);
                return false;
              }}
              onRemove={() => {
                setFile(null);
                setReport(null);
              }}
            >
              <Button icon={<UploadOutlined />}>{p('ongoing.pick')}</Button>
            </Upload>
            <Button
              disabled={!file}
              loading={busy === 'dry'}
              onClick={() => void run(true)}
              data-testid="ongoing-dry-run"
            >
              {p('ongoing.dryRun')}
            </Button>
            <Button
              type="primary"
              disabled={!file || !report?.dryRun}
              loading={busy === 'real'}
              onClick={() => void run(false)}
              data-testid="ongoing-commit"
            >
              {p('ongoing.commit')}
            </Button>
          </Space>
        </Card>
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {report && (
        <Card
          variant="borderless"
          title={report.dryRun ? p('ongoing.isDry') : p('ongoing.isReal')}
          style={{ marginBottom: 16 }}
        >
          {!report.dryRun && (
            <Alert type="info" showIcon message={p('ongoing.rerun')} style={{ marginBottom: 12 }} />
          )}
          <Descriptions size="small" column={5} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={p('ongoing.rows')}>{report.rows}</Descriptions.Item>
            <Descriptions.Item label={p('ongoing.created')}>{report.created}</Descriptions.Item>
            <Descriptions.Item label={p('ongoing.updated')}>{report.updated}</Descriptions.Item>
            <Descriptions.Item label={p('ongoing.rejected')}>{report.rejected}</Descriptions.Item>
            <Descriptions.Item label={p('ongoing.columns')}>
              {report.columns.map((c) => (
                <Tag key={c.key} color={c.required ? 'blue' : undefined}>
                  {c.zh}
                </Tag>
              ))}
            </Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            rowKey="row"
            dataSource={report.report}
            pagination={{ pageSize: 50 }}
            data-testid="ongoing-report"
            columns={[
              { title: p('ongoing.row'), dataIndex: 'row', width: 60 },
              { title: p('ongoing.number'), dataIndex: 'projectNumber', width: 150, render: (v) => v ?? '—' },
              { title: p('ongoing.lead'), dataIndex: 'leadName', width: 110, render: (v) => v ?? '—' },
              {
                title: p('ongoing.idNumber'),
                dataIndex: 'leadIdNumber',
                width: 180,
                render: (v) => v ?? '—',
              },
              {
                title: p('ongoing.outcome'),
                dataIndex: 'outcome',
                width: 90,
                render: (v: keyof typeof OUTCOME_COLOR) => (
                  <Tag color={OUTCOME_COLOR[v]}>{p(`ongoing.${v}`)}</Tag>
                ),
              },
              {
                title: p('ongoing.errors'),
                dataIndex: 'errors',
                render: (errs: OngoingImportReport['report'][number]['errors']) =>
                  errs.length ? (
                    <ul style={{ margin: 0, paddingLeft: 16 }}>
                      {errs.map((e, i) => (
                        <li key={i}>{lang === 'en' ? e.messageEn : e.message}</li>
                      ))}
                    </ul>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </Card>
      )}
      <Card variant="borderless" title={`${p('ongoing.registry')}（${list?.total ?? 0}）`}>
        <Table<OngoingProject>
          size="small"
          rowKey="id"
          dataSource={list?.items ?? []}
          data-testid="ongoing-list"
          pagination={{ current: page, pageSize: 50, total: list?.total ?? 0, onChange: setPage }}
          columns={[
            { title: p('ongoing.number'), dataIndex: 'projectNumber', width: 160 },
            { title: p('ongoing.projectTitle'), dataIndex: 'title' },
            { title: p('ongoing.lead'), dataIndex: 'leadName', width: 120 },
            { title: p('ongoing.idNumber'), dataIndex: 'leadIdNumber', width: 180 },
            { title: p('ongoing.org'), dataIndex: 'orgName', width: 160, render: (v) => v ?? '—' },
            {
              title: p('ongoing.period'),
              key: 'period',
              width: 200,
              render: (_v, r) => (r.startsOn || r.endsOn ? `${r.startsOn ?? '…'} ~ ${r.endsOn ?? '…'}` : '—'),
            },
            {
              title: p('ongoing.status'),
              dataIndex: 'status',
              width: 80,
              render: (v: OngoingProject['status']) => (
                <Tag color={v === 'ongoing' ? 'green' : undefined}>{p(`ongoing.${v}`)}</Tag>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
