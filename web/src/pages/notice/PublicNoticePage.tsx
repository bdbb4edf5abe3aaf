/**
 * A public notice for everyone (no sign-in): the proposed list (project, organisation, direction,
 * amount), the period in Beijing dates, the decision once the award is made (each removed project with
 * its finding), and while the notice is open the objection form.
 */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Card, Descriptions, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { publicNoticesApi, type PublicNotice } from '../../api/notice.js';
import { problemText } from '../../components/problem.js';
import { NOTICE_STATUS_COLOR, stateText } from './bits.js';
import { EntryTable } from './NoticePage.js';
import { ObjectionForm } from './ObjectionForm.js';
import { PublicFrame } from './PublicNoticeListPage.js';
import { useN } from './i18n.js';

export function PublicNoticePage() {
  const { id = '' } = useParams();
  const { n, L, fmt, lang } = useN();
  const [notice, setNotice] = useState<PublicNotice | null>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    publicNoticesApi.get(id).then(setNotice, (e) => {
      setError(e);
      setNotice(null);
    });
  }, [id]);

  return (
    <PublicFrame title={n('public.title')}>
      <Space style={{ marginBottom: 12 }}>
        <Link to="/notices">
          <ArrowLeftOutlined /> {n('public.listTitle')}
        </Link>
      </Space>
      {notice === undefined && <Skeleton active paragraph={{ rows: 10 }} />}
      {notice === null && (
        <Result status="404" title={n('public.notFound')} subTitle={problemText(error, lang)} />
      )}
      {notice && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="public-notice">
          <Card>
            <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="public-notice-title">
              {notice.title}
            </Typography.Title>
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={n('col.status')}>
                <Tag color={NOTICE_STATUS_COLOR[notice.status]}>{L(notice.statusLabel)}</Tag>
                {notice.status === 'published' && <Tag>{stateText(n, notice.state)}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={n('public.period')}>
                <span data-testid="public-notice-period">
                  {L(notice.period.text)}（{n('period.days', { days: notice.period.workingDays })}）
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={n('detail.publishedAt')}>
                {fmt(notice.publishedAt, 'YYYY-MM-DD')}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={n('detail.entries')}>
            <EntryTable entries={notice.entries} removed={new Set()} held={new Set()} />
          </Card>
          <Decision notice={notice} />
          <Card title={n('public.objectTitle')} data-testid="objection-card">
            {notice.state === 'open' && notice.status === 'published' ? (
              <ObjectionForm notice={notice} />
            ) : (
              <Alert
                type="info"
                showIcon
                message={n(notice.state === 'notOpen' ? 'public.objectNotOpen' : 'public.objectClosed')}
              />
            )}
          </Card>
        </Space>
      )}
    </PublicFrame>
  );
}

/** The published decision: after the award, how many were awarded and why any were not. */
function Decision({ notice }: { notice: PublicNotice }) {
  const { n, fmt } = useN();
  const removed = notice.entries.filter((e) => e.outcome === 'removed');
  return (
    <Card title={n('public.decision')} data-testid="public-decision">
      {notice.status !== 'awarded' ? (
        <Typography.Text type="secondary">{n('public.decisionPending')}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph>
            {fmt(notice.awardedAt, 'YYYY-MM-DD')}{' '}
            {n('public.decisionText', {
              n: notice.entries.filter((e) => e.outcome === 'awarded').length,
              m: removed.length,
            })}
          </Typography.Paragraph>
          {removed.map((e) => (
            <Typography.Paragraph key={e.applicationId}>
              <Tag color="red">{n('outcome.removed')}</Tag>
              {e.projectTitle}：{n('public.finding', { text: e.findings.join('；') })}
            </Typography.Paragraph>
          ))}
        </>
      )}
    </Card>
  );
}
