/**
 * A public notice for staff: its period and state, the steps the workflow allows now (publish, close,
 * award; a step refused says why), the ranked list with what the findings make of each project, and
 * the objections, each decided with a finding.
 */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Result,
  Skeleton,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { noticesApi, type Notice, type NoticeEntry } from '../../api/notice.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { Forbidden } from '../../components/Forbidden.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { useReauth } from '../../components/useReauth.js';
import { showFen } from '../../../../shared/money.js';
import { NOTICE_STATUS_COLOR, OutcomeTag, stateText } from './bits.js';
import { Objections } from './Objections.js';
import { useN, type NKey } from './i18n.js';

type Step = 'publish' | 'close' | 'award';
const STEPS: Array<{ action: Step; icon: React.ReactNode; confirm?: NKey }> = [
  { action: 'publish', icon: <SendOutlined />, confirm: 'detail.confirmPublish' },
  { action: 'close', icon: <StopOutlined /> },
  { action: 'award', icon: <CheckCircleOutlined />, confirm: 'detail.confirmAward' },
];

export function NoticePage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { n, L, fmt, lang } = useN();
  const { message, modal } = App.useApp();
  const [notice, setNotice] = useState<Notice | null>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<Step>();
  // the award is a sensitive decision: the server may ask for the password again
  const reauth = useReauth();

  useEffect(() => {
    noticesApi.get(id).then(setNotice, (e) => {
      setError(problemText(e, lang));
      setNotice(null);
    });
  }, [id]);

  if (!can(me, 'review.read')) return <Forbidden />;
  if (notice === undefined) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (notice === null) return <Result status="404" title={error} />;

  const run = async (step: Step) => {
    setBusy(step);
    setError(undefined);
    try {
      setNotice(await reauth.run(() => noticesApi[step](notice.id)));
      message.success(n('detail.done', { action: n(`detail.${step}`) }));
    } catch (e) {
      setError(problemText(e, lang));
    } finally {
      setBusy(undefined);
    }
  };
  const stepButton = ({ action, icon, confirm }: (typeof STEPS)[number]) => {
    const allowed = notice.actions.includes(action);
    const denial = notice.denials.find((d) => d.action === action);
    if (!allowed && (!denial || denial.code === 'permission.denied')) return null;
    // a refused step is shown only where it is the next one (publish once published says nothing new)
    if (!allowed && action === 'publish') return null;
    const button = (
      <Button
        key={action}
        type={action === 'award' ? 'primary' : 'default'}
        icon={icon}
        disabled={!allowed}
        loading={busy === action}
        data-testid={`notice-${action}`}
        onClick={() =>
          confirm
            ? modal.confirm({ title: n(confirm), okText: n(`detail.${action}`), onOk: () => run(action) })
            : run(action)
        }
      >
        {n(`detail.${action}`)}
      </Button>
    );
    return allowed ? (
      button
    ) : (
      <Tooltip key={action} title={denial ? L(denial) : undefined}>
        {button}
      </Tooltip>
    );
  };
  const removed = new Set(notice.awardList.removed.map((r) => r.applicationId));
  const held = new Set(notice.objections.filter((o) => o.status === 'received').map((o) => o.applicationId));
  const denials = notice.denials.filter(
    (d) => d.code !== 'permission.denied' && d.action !== 'publish' && !notice.actions.includes(d.action),
  );

  return (
    <div data-testid="notice">
      <PageHeader
        title={notice.title}
        subtitle={L(notice.period.text)}
        extra={
          <>
            <Link to={`/review/notices?callId=${notice.callId}`}>
              <Button icon={<ArrowLeftOutlined />}>{n('detail.back')}</Button>
            </Link>
            {notice.status !== 'draft' && (
              <Link to={`/notices/${notice.id}`} target="_blank">
                <Button>{n('detail.publicPage')}</Button>
              </Link>
            )}
            {can(me, 'review.manage') && STEPS.map(stepButton)}
          </>
        }
      />
      {error && (
        <Alert
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 12 }}
          data-testid="notice-error"
        />
      )}
      {denials.map((d) => (
        <Alert key={d.action} type="info" showIcon message={L(d)} style={{ marginBottom: 12 }} />
      ))}
      {notice.period.provisional && (
        <Alert type="warning" showIcon message={n('period.provisional')} style={{ marginBottom: 12 }} />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={n('col.status')}>
            <Tag color={NOTICE_STATUS_COLOR[notice.status]} data-testid="notice-status">
              {L(notice.statusLabel)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={n('detail.period')}>
            {L(notice.period.text)}（{n('period.days', { days: notice.period.workingDays })}）
          </Descriptions.Item>
          <Descriptions.Item label={n('detail.state')}>{stateText(n, notice.state)}</Descriptions.Item>
          <Descriptions.Item label={n('detail.publishedAt')}>
            {fmt(notice.publishedAt, 'YYYY-MM-DD HH:mm')}
          </Descriptions.Item>
          <Descriptions.Item label={n('detail.awardedAt')}>
            {fmt(notice.awardedAt, 'YYYY-MM-DD HH:mm')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={n('detail.entries')}
        style={{ marginBottom: 16 }}
        extra={
          <Typography.Text
            data-testid="award-list-summary"
            type={notice.awardList.final ? undefined : 'warning'}
          >
            {notice.awardList.final
              ? n('detail.awardList', {
                  n: notice.awardList.awarded.length,
                  m: notice.awardList.removed.length,
                })
              : n('detail.awardPending', { n: notice.awardList.pending.length })}
          </Typography.Text>
        }
      >
        <EntryTable entries={notice.entries} removed={removed} held={held} />
      </Card>
      <Objections notice={notice} onChange={setNotice} />
      {reauth.modal}
    </div>
  );
}

/** The ranked list: a project removed by an upheld objection is struck through. */
export function EntryTable(props: { entries: NoticeEntry[]; removed: Set<string>; held: Set<string> }) {
  const { n, lang } = useN();
  return (
    <Table<NoticeEntry>
      rowKey="applicationId"
      size="small"
      pagination={false}
      dataSource={props.entries}
      scroll={{ x: 'max-content' }}
      data-testid="notice-entries"
      onRow={(e) => ({ 'data-testid': `entry-${e.applicationId}` }) as never}
      columns={[
        { title: n('col.rank'), dataIndex: 'rank', width: 64 },
        {
          title: n('col.project'),
          render: (_, e) =>
            props.removed.has(e.applicationId) || e.outcome === 'removed' ? (
              <Typography.Text delete>{e.projectTitle}</Typography.Text>
            ) : (
              e.projectTitle
            ),
        },
        { title: n('col.org'), dataIndex: 'orgName' },
        { title: n('col.direction'), render: (_, e) => `${e.directionCode} ${e.directionTitle}` },
        {
          title: n('col.grant'),
          align: 'right',
          render: (_, e) => showFen(e.proposedGrantFen, lang),
        },
        {
          title: n('col.outcome'),
          render: (_, e) => (
            <span data-testid="entry-outcome">
              <OutcomeTag
                n={n}
                outcome={e.outcome}
                removed={props.removed.has(e.applicationId)}
                held={props.held.has(e.applicationId)}
              />
            </span>
          ),
        },
      ]}
    />
  );
}
