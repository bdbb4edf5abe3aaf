import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Space,
  Table,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { marketApi } from '../../api/market.js';
import type { Challenge, Screening, ScreeningRow } from '../../api/types.js';
import { useAuth } from '../../auth/AuthContext.js';
import { applyProblem, problemText } from '../../components/problem.js';
import { useMt } from './i18n.js';
import { validValues } from '../../components/validValues.js';

/** Loads the current round's screening sheet; `rev` reloads it after a change to the challenge. */
export function useScreening(challengeId: string, rev: number) {
  const [sheet, setSheet] = useState<Screening | null>(null);
  const [error, setError] = useState<unknown>();
  const load = useCallback(() => {
    marketApi
      .screening(challengeId)
      .then((s) => {
        setSheet(s);
        setError(undefined);
      })
      .catch(setError);
  }, [challengeId]);
  useEffect(load, [load, rev]);
  return { sheet, setSheet, error };
}

function ScoreModal({
  challengeId,
  row,
  onDone,
  onCancel,
}: {
  challengeId: string;
  row: ScreeningRow;
  onDone(s: Screening): void;
  onCancel(): void;
}) {
  const { m, lang } = useMt();
  const [form] = Form.useForm<{ score: number; comment?: string }>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setBusy(true);
    setError('');
    try {
      onDone(
        await marketApi.score(challengeId, {
          solutionId: row.solutionId,
          score: v.score,
          comment: v.comment?.trim() || undefined,
        }),
      );
    } catch (e) {
      setError(applyProblem(form, e, lang, ['score', 'comment']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={m('ch.scoreOf', { title: row.title })}
      onOk={() => void submit()}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'score-ok' } as ButtonProps}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
        {row.summary}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ score: row.myScore ?? undefined }}>
        <Form.Item
          name="score"
          label={m('ch.score')}
          extra={m('ch.scoreHelp')}
          rules={[
            { required: true, message: m('common.required') },
            { type: 'integer', min: 0, max: 100, message: m('ch.scoreHelp') },
          ]}
        >
          <InputNumber min={0} max={100} precision={0} style={{ width: 160 }} data-testid="score-value" />
        </Form.Item>
        <Form.Item name="comment" label={m('ch.comment')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} showCount maxLength={2000} data-testid="score-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 专家初筛评分表: this round's solutions ranked by mean score. An invited expert scores each one
 * (0-100 with a comment) while the challenge is in pre-screening; staff see the means and counts.
 */
export function ChallengeScreening({ challenge, rev }: { challenge: Challenge; rev: number }) {
  const { m, lang } = useMt();
  const { me } = useAuth();
  const { message } = App.useApp();
  const { sheet, setSheet, error } = useScreening(challenge.id, rev);
  const [scoring, setScoring] = useState<ScreeningRow | null>(null);
  if (error !== undefined) return <Alert type="info" showIcon message={problemText(error, lang)} />;
  if (!sheet) return null;
  const isExpert = !!me && sheet.experts.some((e) => e.id === me.id);
  const open = challenge.status === 'screening';

  const columns: ColumnsType<ScreeningRow> = [
    { title: '#', key: 'i', width: 50, render: (_v, _r, i) => i + 1 },
    {
      title: m('ch.solution'),
      dataIndex: 'title',
      render: (v: string, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{v}</Typography.Text>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 420 }}>
            {r.summary}
          </Typography.Text>
        </Space>
      ),
    },
    { title: m('ch.need'), dataIndex: 'needTitle', width: 200 },
    { title: m('ch.solver'), dataIndex: 'solverName', width: 180 },
    {
      title: m('ch.mean'),
      dataIndex: 'meanScore',
      width: 150,
      render: (v: number | null) =>
        v === null ? (
          '—'
        ) : (
          <Space>
            <b data-testid="screening-mean">{v.toFixed(1)}</b>
            <Progress percent={v} showInfo={false} size="small" style={{ width: 70, margin: 0 }} />
          </Space>
        ),
    },
    {
      title: m('ch.count'),
      dataIndex: 'scoreCount',
      width: 90,
      align: 'right',
      render: (v: number) => `${v} / ${sheet.experts.length}`,
    },
    ...(isExpert
      ? [
          {
            title: m('ch.myScore'),
            key: 'mine',
            width: 150,
            render: (_v: unknown, r: ScreeningRow) => (
              <Space>
                {r.myScore !== null && <Tag color="blue">{r.myScore}</Tag>}
                <Button
                  size="small"
                  type={r.myScore === null ? 'primary' : 'default'}
                  disabled={!open}
                  onClick={() => setScoring(r)}
                  data-testid="score-button"
                >
                  {m('ch.score')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="challenge-screening">
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          {m('ch.round', { n: sheet.round, total: challenge.rounds })}
        </Typography.Text>
        <Typography.Text type="secondary">{m('ch.experts')}：</Typography.Text>
        {sheet.experts.length === 0 ? (
          <Typography.Text type="secondary">{m('ch.expertsNone')}</Typography.Text>
        ) : (
          sheet.experts.map((e) => (
            <Tag key={e.id} color="purple">
              {e.name}
            </Tag>
          ))
        )}
      </Space>
      {isExpert && !open && (
        <Alert type="warning" showIcon message={m('ch.scoreClosed')} style={{ marginBottom: 12 }} />
      )}
      <Table
        rowKey="solutionId"
        columns={columns}
        dataSource={sheet.rows}
        pagination={false}
        scroll={{ x: 960 }}
        locale={{ emptyText: <Empty description={m('ch.screeningEmpty')} /> }}
      />
      {scoring && (
        <ScoreModal
          challengeId={challenge.id}
          row={scoring}
          onCancel={() => setScoring(null)}
          onDone={(s) => {
            setScoring(null);
            setSheet(s);
            message.success(m('ch.scored'));
          }}
        />
      )}
    </div>
  );
}
