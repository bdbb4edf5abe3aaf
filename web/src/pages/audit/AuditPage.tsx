import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { ReloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { auditApi } from '../../api/admin.js';
import { shanghaiDayEnd, shanghaiDayStart } from '../../../../shared/time.js';
import type { AuditRecord, AuditVerifyResult } from '../../api/types.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { Forbidden } from '../../components/Forbidden.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { usePagedList } from '../../components/usePagedList.js';
import { useI18n } from '../../i18n/index.js';

const RESULT_COLOR = { ok: 'success', denied: 'warning', failed: 'error' } as const;

const Json = ({ v }: { v: unknown }) =>
  v === null || v === undefined ? (
    <Typography.Text type="secondary">—</Typography.Text>
  ) : (
    <pre className="to-json">{JSON.stringify(v, null, 2)}</pre>
  );

/** 审计日志: browse the hash-chained audit log, and verify the chain. */
export function AuditPage() {
  const me = useMe();
  return can(me, 'audit.read') ? <AuditLog /> : <Forbidden />;
}

interface Filters {
  q?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  result?: string;
  range?: [Dayjs, Dayjs];
}

function AuditLog() {
  const me = useMe();
  const { t, lang, fmt } = useI18n();
  const { message } = App.useApp();
  const list = usePagedList<AuditRecord>(auditApi.list, 20);
  const [filters] = Form.useForm<Filters>();
  const [verify, setVerify] = useState<AuditVerifyResult>();
  const [verifying, setVerifying] = useState(false);

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify(await auditApi.verify());
    } catch (e) {
      message.error(problemText(e, lang));
    } finally {
      setVerifying(false);
    }
  };

  const search = ({ range, ...rest }: Filters) =>
    list.search({
      ...rest,
      // the picked days are Beijing calendar days, whatever the browser's zone
      from: range?.[0] ? shanghaiDayStart(range[0].format('YYYY-MM-DD')) : undefined,
      to: range?.[1] ? shanghaiDayEnd(range[1].format('YYYY-MM-DD')) : undefined,
    });

  const columns: ColumnsType<AuditRecord> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => fmt(v) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 180,
      render: (v: string | null, r) =>
        v || r.actorLabel ? (
          <Space direction="vertical" size={0}>
            <span data-testid={`audit-actor-${r.seq}`}>{v ?? r.actorLabel}</span>
            {r.actorOrgName && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                {r.actorOrgName}
              </Typography.Text>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>
        ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'actionLabel',
      render: (v: AuditRecord['actionLabel'], r) => (
        <span title={r.action} data-testid={`audit-action-${r.seq}`}>
          {lang === 'en' ? v.en : v.zh}
        </span>
      ),
    },
    {
      title: t('audit.objectType'),
      dataIndex: 'objectTypeLabel',
      render: (v: AuditRecord['objectTypeLabel'], r) =>
        v ? (
          <Space direction="vertical" size={0}>
            <span>{lang === 'en' ? v.en : v.zh}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
              {r.objectId}
            </Typography.Text>
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('audit.result'),
      dataIndex: 'result',
      width: 90,
      render: (v: AuditRecord['result']) => (
        <Tag color={RESULT_COLOR[v]} bordered={false}>
          {t(`result.${v}`)}
        </Tag>
      ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <div data-testid="page-audit">
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          can(me, 'audit.verify') && (
            <Button
              icon={<SafetyCertificateOutlined />}
              loading={verifying}
              onClick={() => void runVerify()}
              data-testid="audit-verify"
            >
              {t('audit.verify')}
            </Button>
          )
        }
      />
      {verify && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          closable
          onClose={() => setVerify(undefined)}
          type={verify.ok ? 'success' : 'error'}
          data-testid="audit-verify-result"
          message={
            verify.ok
              ? t('audit.verifyOk', { n: verify.rows })
              : t('audit.verifyBad', { n: verify.rows, p: verify.problems.length })
          }
          description={
            verify.problems.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {verify.problems.slice(0, 10).map((p) => (
                  <li key={`${p.seq}-${p.problem}`}>
                    #{p.seq} {p.problem}: {p.detail}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form form={filters} name="auditFilter" layout="inline" onFinish={search} style={{ rowGap: 12 }}>
          <Form.Item name="q" label={t('common.keyword')}>
            <Input
              allowClear
              placeholder={t('audit.keywordPh')}
              style={{ width: 260 }}
              data-testid="audit-keyword"
            />
          </Form.Item>
          <Form.Item name="action" label={t('audit.action')}>
            <Input allowClear placeholder={t('audit.actionPh')} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="result" label={t('audit.result')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              style={{ width: 110 }}
              options={(['ok', 'denied', 'failed'] as const).map((r) => ({
                value: r,
                label: t(`result.${r}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="range" label={t('audit.range')}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                filters.resetFields();
                list.search({});
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form>
      </Card>
      <Card
        variant="borderless"
        title={t('common.total', { n: list.data.total })}
        extra={
          <Button
            type="text"
            icon={<ReloadOutlined />}
            onClick={list.reload}
            aria-label={t('common.refresh')}
          />
        }
      >
        {list.error !== undefined && (
          <Alert type="error" showIcon message={problemText(list.error, lang)} style={{ marginBottom: 12 }} />
        )}
        <Table<AuditRecord>
          rowKey="seq"
          size="middle"
          columns={columns}
          dataSource={list.data.items}
          loading={list.loading}
          scroll={{ x: 1000 }}
          expandable={{
            expandedRowRender: (r) => (
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label={t('audit.before')}>
                  <Json v={r.before} />
                </Descriptions.Item>
                <Descriptions.Item label={t('audit.after')}>
                  <Json v={r.after} />
                </Descriptions.Item>
                <Descriptions.Item label={t('audit.detail')}>
                  <Json v={r.detail} />
                </Descriptions.Item>
                <Descriptions.Item label={t('audit.hash')}>
                  <Typography.Text code copyable style={{ fontSize: 12 }}>
                    {r.hash}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
            ),
          }}
          pagination={{
            current: list.page,
            pageSize: list.pageSize,
            total: list.data.total,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { n }),
            onChange: list.onPage,
          }}
        />
      </Card>
    </div>
  );
}
