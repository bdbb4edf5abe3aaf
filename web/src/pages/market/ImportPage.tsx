import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { marketApi } from '../../api/market.js';
import type { ImportReport } from '../../api/types.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { useMt } from './i18n.js';

const OUTCOME_COLOR = { created: 'success', updated: 'processing', rejected: 'error' } as const;

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).split(',')[1] ?? '');
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

/** 批量导入: upload → dry run → the row-by-row report → import. */
export function ImportPage() {
  const { m, lang } = useMt();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState<false | 'dry' | 'real'>(false);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'dry' : 'real');
    setError('');
    try {
      setReport(
        await marketApi.importAchievements({
          filename: file.name,
          contentBase64: await toBase64(file),
          dryRun,
        }),
      );
    } catch (e) {
      setError(problemText(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="page-achievement-import">
      <PageHeader title={m('imp.title')} subtitle={m('imp.desc')} />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Upload
            accept=".xlsx,.csv,.json"
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
            <Button icon={<UploadOutlined />}>{m('imp.pick')}</Button>
          </Upload>
          <Button disabled={!file} loading={busy === 'dry'} onClick={() => void run(true)}>
            {m('imp.dryRun')}
          </Button>
          <Button
            type="primary"
            disabled={!file || !report?.dryRun}
            loading={busy === 'real'}
            onClick={() => void run(false)}
          >
            {m('imp.run')}
          </Button>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {report && (
        <Card variant="borderless" title={report.dryRun ? m('imp.isDry') : m('imp.isReal')}>
          <Descriptions size="small" column={5} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={m('imp.rows')}>{report.rows}</Descriptions.Item>
            <Descriptions.Item label={m('imp.created')}>{report.created}</Descriptions.Item>
            <Descriptions.Item label={m('imp.updated')}>{report.updated}</Descriptions.Item>
            <Descriptions.Item label={m('imp.rejected')}>{report.rejected}</Descriptions.Item>
            <Descriptions.Item label={m('imp.columns')}>
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
            columns={[
              { title: m('imp.row'), dataIndex: 'row', width: 70 },
              { title: m('ach.titleField'), dataIndex: 'title', render: (v: string | null) => v ?? '—' },
              {
                title: m('imp.outcome'),
                dataIndex: 'outcome',
                width: 100,
                render: (v: keyof typeof OUTCOME_COLOR) => (
                  <Tag color={OUTCOME_COLOR[v]}>{m(`imp.${v}`)}</Tag>
                ),
              },
              {
                title: m('imp.errors'),
                dataIndex: 'errors',
                render: (errs: ImportReport['report'][number]['errors']) =>
                  errs.length ? (
                    <ul style={{ margin: 0, paddingLeft: 16 }}>
                      {errs.map((e, i) => (
                        <li key={i}>
                          <code>{e.field}</code> {lang === 'en' ? e.messageEn : e.message}
                        </li>
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
    </div>
  );
}
