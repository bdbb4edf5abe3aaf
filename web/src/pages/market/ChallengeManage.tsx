import { useEffect, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Typography,
  type ButtonProps,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { usersApi } from '../../api/admin.js';
import { marketApi, type Challenge, type ChallengeAction, type PublicNeed } from '../../api/market.js';
import type { User } from '../../api/types.js';
import { applyProblem, problemText } from '../../components/problem.js';
import { useMt, type MarketKey } from './i18n.js';
import { useScreening } from './ChallengeScreening.js';

type Dialog = 'needs' | 'experts' | 'nextRound' | 'winners' | 'publishResults' | null;

/** The lifecycle as the server defines it (challenge.rules.ts): which step each status offers. */
const NEXT: Record<Challenge['status'], ChallengeAction[]> = {
  draft: ['open'],
  open: ['startScreening'],
  screening: ['nextRound', 'close'],
  closed: ['publishResults'],
  resultsPublished: [],
};

function FormModal({
  title,
  testId,
  onOk,
  onCancel,
  error,
  busy,
  width,
  children,
}: {
  title: string;
  testId: string;
  onOk(): void;
  onCancel(): void;
  error: string;
  busy: boolean;
  width?: number;
  children: ReactNode;
}) {
  return (
    <Modal
      open
      title={title}
      width={width ?? 640}
      onOk={onOk}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': testId } as ButtonProps}
      destroyOnHidden
    >
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="form-error" />
      )}
      {children}
    </Modal>
  );
}

/** Staff tools for one challenge: needs, experts, the lifecycle steps, promotions, winners, publication. */
export function ChallengeManage({
  challenge: c,
  onChanged,
}: {
  challenge: Challenge;
  onChanged(c: Challenge): void;
}) {
  const { m, lang } = useMt();
  const { message, modal } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [form] = Form.useForm();
  const [needs, setNeeds] = useState<PublicNeed[]>([]);
  const [experts, setExperts] = useState<User[]>([]);
  const [promote, setPromote] = useState<string[]>([]);
  const { sheet } = useScreening(c.id, dialog === 'nextRound' || dialog === 'winners' ? 1 : 0);

  useEffect(() => {
    if (dialog === 'needs')
      marketApi
        .publicNeeds({ pageSize: 100 })
        .then((r) => setNeeds(r.items.filter((n) => !n.challengeId || n.challengeId === c.id)))
        .catch((e) => setError(problemText(e, lang)));
    if (dialog === 'experts')
      usersApi
        .list({ role: 'expert', status: 'active', pageSize: 200 })
        .then((r) => setExperts(r.items))
        .catch((e) => setError(problemText(e, lang)));
  }, [dialog, c.id, lang]);

  const close = () => {
    setDialog(null);
    setError('');
    setPromote([]);
  };
  const run = async (fields: string[], fn: () => Promise<Challenge>) => {
    setBusy(true);
    setError('');
    try {
      const x = await fn();
      close();
      message.success(m('ach.done'));
      onChanged(x);
    } catch (e) {
      setError(applyProblem(form, e, lang, fields));
    } finally {
      setBusy(false);
    }
  };
  const step = (a: ChallengeAction) => {
    if (a === 'nextRound' || a === 'publishResults') return setDialog(a);
    const label = m(`ch.action.${a}` as MarketKey);
    modal.confirm({
      title: m('ch.confirmAction', { action: label }),
      okText: label,
      okButtonProps: { 'data-testid': 'challenge-confirm' } as ButtonProps,
      onOk: () =>
        marketApi
          .challengeAction(c.id, a)
          .then((x) => {
            message.success(m('ach.done'));
            onChanged(x);
          })
          .catch((e) => {
            message.error(problemText(e, lang));
          }),
    });
  };
  const editable = c.status !== 'closed' && c.status !== 'resultsPublished';
  const rows = sheet?.rows ?? [];

  return (
    <>
      <Space wrap>
        {editable && (
          <Button onClick={() => setDialog('needs')} data-testid="challenge-attach-needs">
            {m('ch.attachNeeds')}
          </Button>
        )}
        {c.status !== 'resultsPublished' && (
          <Button onClick={() => setDialog('experts')} data-testid="challenge-assign-experts">
            {m('ch.experts')}
          </Button>
        )}
        {c.status === 'closed' && (
          <Button onClick={() => setDialog('winners')} data-testid="challenge-set-winners">
            {m('ch.setWinners')}
          </Button>
        )}
        {NEXT[c.status]
          .filter((a) => a !== 'nextRound' || c.currentRound < c.rounds)
          .map((a) => (
            <Button
              key={a}
              type={a === 'close' ? 'default' : 'primary'}
              onClick={() => step(a)}
              data-testid={`challenge-${a}`}
            >
              {m(`ch.action.${a}` as MarketKey)}
            </Button>
          ))}
      </Space>

      {dialog === 'needs' && (
        <FormModal
          title={m('ch.attachNeeds')}
          testId="attach-needs-ok"
          error={error}
          busy={busy}
          onCancel={close}
          onOk={() =>
            void form
              .validateFields()
              .then((v: { needIds: string[] }) =>
                run(['needIds'], () => marketApi.attachNeeds(c.id, v.needIds)),
              )
          }
        >
          <Form form={form} layout="vertical" initialValues={{ needIds: c.needs.map((n) => n.id) }}>
            <Form.Item
              name="needIds"
              label={m('ch.pickNeeds')}
              rules={[{ required: true, message: m('common.required') }]}
            >
              <Select
                mode="multiple"
                optionFilterProp="label"
                data-testid="attach-needs-select"
                options={needs.map((n) => ({ value: n.id, label: `${n.title} · ${n.org.name}` }))}
              />
            </Form.Item>
          </Form>
        </FormModal>
      )}

      {dialog === 'experts' && (
        <FormModal
          title={m('ch.experts')}
          testId="assign-experts-ok"
          error={error}
          busy={busy}
          onCancel={close}
          onOk={() =>
            void form
              .validateFields()
              .then((v: { userIds: string[] }) =>
                run(['userIds'], () => marketApi.assignExperts(c.id, v.userIds)),
              )
          }
        >
          <Form form={form} layout="vertical">
            <Form.Item
              name="userIds"
              label={m('ch.pickExperts')}
              rules={[{ required: true, message: m('common.required') }]}
            >
              <Select
                mode="multiple"
                optionFilterProp="label"
                data-testid="assign-experts-select"
                options={experts.map((u) => ({ value: u.id, label: `${u.name} · ${u.orgName ?? ''}` }))}
              />
            </Form.Item>
          </Form>
        </FormModal>
      )}

      {dialog === 'nextRound' && (
        <FormModal
          title={m('ch.action.nextRound')}
          testId="next-round-ok"
          width={760}
          error={error}
          busy={busy}
          onCancel={close}
          onOk={() => void run(['promote'], () => marketApi.challengeAction(c.id, 'nextRound', { promote }))}
        >
          <Typography.Paragraph type="secondary">{m('ch.promoteHelp')}</Typography.Paragraph>
          <Table
            rowKey="solutionId"
            size="small"
            pagination={false}
            dataSource={rows}
            rowSelection={{ selectedRowKeys: promote, onChange: (k) => setPromote(k as string[]) }}
            columns={[
              { title: m('ch.solution'), dataIndex: 'title' },
              { title: m('ch.solver'), dataIndex: 'solverName', width: 160 },
              {
                title: m('ch.mean'),
                dataIndex: 'meanScore',
                width: 80,
                render: (v: number | null) => (v === null ? '—' : v.toFixed(1)),
              },
            ]}
          />
        </FormModal>
      )}

      {dialog === 'winners' && (
        <FormModal
          title={m('ch.setWinners')}
          testId="winners-ok"
          width={820}
          error={error}
          busy={busy}
          onCancel={close}
          onOk={() =>
            void form
              .validateFields()
              .then((v: { winners?: Array<{ solutionId: string; rank: number; award?: string }> }) =>
                run(['winners'], () =>
                  marketApi.setWinners(
                    c.id,
                    (v.winners ?? []).map((w) => ({ ...w, award: w.award?.trim() ?? '' })),
                  ),
                ),
              )
          }
        >
          <Typography.Paragraph type="secondary">{m('ch.winnersHelp')}</Typography.Paragraph>
          <Form
            form={form}
            initialValues={{
              winners: c.winners.map((w) => ({ solutionId: w.solutionId, rank: w.rank, award: w.award })),
            }}
          >
            <Form.List name="winners">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                      <Form.Item
                        name={[f.name, 'solutionId']}
                        rules={[{ required: true, message: m('common.required') }]}
                      >
                        <Select
                          style={{ width: 340 }}
                          placeholder={m('ch.solution')}
                          data-testid={`winner-solution-${i}`}
                          options={rows.map((r) => ({
                            value: r.solutionId,
                            label: `${r.title} · ${r.solverName}`,
                          }))}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'rank']}
                        rules={[{ required: true, message: m('common.required') }]}
                      >
                        <InputNumber
                          min={1}
                          max={100}
                          precision={0}
                          placeholder={m('ch.rank')}
                          data-testid={`winner-rank-${i}`}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'award']} rules={[{ max: 100 }]}>
                        <Input
                          placeholder={m('ch.award')}
                          style={{ width: 180 }}
                          data-testid={`winner-award-${i}`}
                        />
                      </Form.Item>
                      <Button
                        icon={<DeleteOutlined />}
                        onClick={() => remove(f.name)}
                        aria-label={m('common.delete')}
                      />
                    </Space>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ rank: fields.length + 1 })}
                    data-testid="winner-add"
                  >
                    {m('ch.addWinner')}
                  </Button>
                </>
              )}
            </Form.List>
          </Form>
        </FormModal>
      )}

      {dialog === 'publishResults' && (
        <FormModal
          title={m('ch.action.publishResults')}
          testId="publish-results-ok"
          error={error}
          busy={busy}
          onCancel={close}
          onOk={() =>
            void form.validateFields().then((v: { resultNote?: string }) =>
              run(['resultNote'], () =>
                marketApi.challengeAction(c.id, 'publishResults', {
                  resultNote: v.resultNote?.trim() || undefined,
                }),
              ),
            )
          }
        >
          <Form form={form} layout="vertical" initialValues={{ resultNote: c.resultNote ?? '' }}>
            <Form.Item
              name="resultNote"
              label={m('ch.resultNote')}
              extra={m('ch.resultNoteHelp')}
              rules={[{ max: 5000 }]}
            >
              <Input.TextArea rows={4} showCount maxLength={5000} data-testid="result-note-input" />
            </Form.Item>
          </Form>
        </FormModal>
      )}
    </>
  );
}
