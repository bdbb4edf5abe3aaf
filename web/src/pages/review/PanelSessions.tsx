/**
 * 见面会场次 (a panel round's tab, staff): the sessions with their time, venue, state and slots, the
 * shortlisted applications still without a slot, and the actions the server offers on each session —
 * notify the applicants, record the minutes (MinutesDialog.tsx); a new session (ScheduleDialog.tsx).
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { CalendarOutlined, FileTextOutlined, NotificationOutlined, PlusOutlined } from '@ant-design/icons';
import {
  panelApi,
  type PanelSession,
  type PanelSessions as Sessions,
  type PanelSlot,
  type RoundDetail,
} from '../../api/review.js';
import { problemText } from '../../components/problem.js';
import { useR } from './i18n.js';
import { MinutesDialog } from './MinutesDialog.js';
import { ScheduleDialog } from './ScheduleDialog.js';

export const SESSION_STATUS_COLOR: Record<string, string> = {
  scheduled: 'default',
  notified: 'blue',
  minuted: 'green',
};

export const DECISION_COLOR: Record<string, string> = {
  recommended: 'green',
  notRecommended: 'red',
  absent: 'orange',
};

export function PanelSessions({ round, manage }: { round: RoundDetail; manage: boolean }) {
  const { r, L, fmt, lang } = useR();
  const { message } = App.useApp();
  const [data, setData] = useState<Sessions | null>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const [scheduling, setScheduling] = useState(false);
  const [minutesOf, setMinutesOf] = useState<PanelSession>();
  const load = useCallback(
    () =>
      panelApi.sessions(round.id).then(setData, (e) => {
        setError(problemText(e, lang));
        setData(null);
      }),
    [round.id, lang],
  );
  useEffect(() => void load(), [load]);
  if (data === undefined) return <Skeleton active />;
  if (data === null) return <Alert type="error" showIcon message={error} />;

  const notify = async (s: PanelSession) => {
    setBusy(s.id);
    setError(undefined);
    try {
      await panelApi.notify(s.id, s.version);
      message.success(r('panel.notified'));
      await load();
    } catch (e) {
      setError(problemText(e, lang));
    } finally {
      setBusy(undefined);
    }
  };
  const act = (s: PanelSession, a: string) => manage && s.actions.includes(a);
  const time = (x: PanelSlot) => `${fmt(x.startsAt, 'HH:mm')}—${fmt(x.endsAt, 'HH:mm')}`;

  return (
    <div data-testid="panel-sessions">
      <Space style={{ marginBottom: 12 }} wrap>
        {manage && round.status !== 'closed' && data.unscheduled.length > 0 && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setScheduling(true)}
            data-testid="panel-new"
          >
            {r('panel.new')}
          </Button>
        )}
        <Typography.Text type="secondary" data-testid="panel-unscheduled">
          {data.unscheduled.length
            ? r('panel.unscheduled', { n: data.unscheduled.length })
            : r('panel.allScheduled')}
        </Typography.Text>
      </Space>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {data.sessions.length === 0 && <Empty description={r('panel.empty')} />}
      {data.sessions.map((s) => (
        <Card
          key={s.id}
          size="small"
          style={{ marginBottom: 16 }}
          data-testid="panel-session"
          title={
            <Space wrap>
              <CalendarOutlined />
              {s.title}
              <Tag color={SESSION_STATUS_COLOR[s.status] ?? 'default'} data-testid="panel-session-status">
                {L(s.statusLabel)}
              </Tag>
            </Space>
          }
          extra={
            <Space wrap>
              {act(s, 'notify') && (
                <Button
                  size="small"
                  icon={<NotificationOutlined />}
                  loading={busy === s.id}
                  onClick={() => void notify(s)}
                  data-testid="panel-notify"
                >
                  {s.notifiedAt ? r('panel.notifyAgain') : r('panel.notify')}
                </Button>
              )}
              {act(s, 'minutes') && (
                <Button
                  size="small"
                  type="primary"
                  icon={<FileTextOutlined />}
                  onClick={() => setMinutesOf(s)}
                  data-testid="panel-minutes"
                >
                  {r('panel.minutes')}
                </Button>
              )}
              {s.minutesFileId && (
                <a href={`/api/files/${s.minutesFileId}`} target="_blank" rel="noreferrer">
                  {r('panel.minutesFileLink')}
                </a>
              )}
            </Space>
          }
        >
          <Typography.Paragraph style={{ marginBottom: 8 }} data-testid="panel-session-when">
            {r('panel.time')}：{fmt(s.startsAt, 'YYYY-MM-DD HH:mm')} ·{' '}
            {r('panel.slotMinutes', { n: s.slotMinutes })}
            <br />
            {r('panel.venue')}：{s.venue}
            <br />
            <Typography.Text type="secondary">
              {r('panel.members', { names: s.members.map((m) => m.expertName).join('、') || '—' })}
              {s.notifiedAt
                ? ` · ${r('panel.notifiedAt', { at: fmt(s.notifiedAt, 'YYYY-MM-DD HH:mm') })}`
                : ''}
            </Typography.Text>
          </Typography.Paragraph>
          {s.minutesNote && <Typography.Paragraph type="secondary">{s.minutesNote}</Typography.Paragraph>}
          <Table<PanelSlot>
            size="small"
            rowKey="applicationId"
            dataSource={s.slots}
            pagination={false}
            scroll={{ x: 760 }}
            data-testid="panel-slots"
            columns={[
              { title: r('panel.position'), dataIndex: 'position', width: 60 },
              { title: r('panel.time'), width: 140, render: (_, x) => time(x) },
              {
                title: r('round.application'),
                render: (_, x) => (
                  <div>
                    <div>{x.projectTitle ?? '—'}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {[x.receiptNumber, x.orgName].filter(Boolean).join(' · ')}
                    </Typography.Text>
                  </div>
                ),
              },
              { title: r('round.direction'), dataIndex: 'directionCode', width: 70 },
              {
                title: r('panel.decision'),
                width: 280,
                render: (_, x) =>
                  x.decision ? (
                    <div data-testid="panel-slot-decision">
                      <Tag color={DECISION_COLOR[x.decision]}>
                        {x.decisionLabel ? L(x.decisionLabel) : x.decision}
                      </Tag>
                      {x.decisionNote && (
                        <div>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {x.decisionNote}
                          </Typography.Text>
                        </div>
                      )}
                    </div>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </Card>
      ))}
      {scheduling && (
        <ScheduleDialog
          round={round}
          unscheduled={data.unscheduled.map((u) => u.applicationId)}
          onClose={() => setScheduling(false)}
          onDone={async () => {
            setScheduling(false);
            await load();
          }}
        />
      )}
      {minutesOf && (
        <MinutesDialog
          session={minutesOf}
          onClose={() => setMinutesOf(undefined)}
          onDone={async () => {
            setMinutesOf(undefined);
            await load();
          }}
        />
      )}
    </div>
  );
}
