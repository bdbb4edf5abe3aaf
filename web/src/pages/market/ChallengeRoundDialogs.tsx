import { useState } from 'react';
import { Button, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { marketApi } from '../../api/market.js';
import { FormModal, useRun, type DialogProps } from './ChallengeDialogs.js';
import { useScreening } from './ChallengeScreening.js';

/** 进入下一轮: tick this round's solutions that go on. */
export function NextRoundDialog({ challenge: c, onDone, onCancel }: DialogProps) {
  const { busy, error, run, m } = useRun(onDone);
  const { sheet } = useScreening(c.id, 0);
  const rows = sheet?.rows ?? [];
  const [promote, setPromote] = useState<string[]>([]);
  return (
    <FormModal
      title={m('ch.action.nextRound')}
      testId="next-round-ok"
      width={760}
      error={error}
      busy={busy}
      onCancel={onCancel}
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
  );
}

/** 确定获奖名单: winners from this round's solutions, with rank and award; replaces the list. */
export function WinnersDialog({ challenge: c, onDone, onCancel }: DialogProps) {
  const { form, busy, error, run, m } = useRun(onDone);
  const { sheet } = useScreening(c.id, 0);
  const rows = sheet?.rows ?? [];
  return (
    <FormModal
      title={m('ch.setWinners')}
      testId="winners-ok"
      width={820}
      error={error}
      busy={busy}
      onCancel={onCancel}
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
  );
}
