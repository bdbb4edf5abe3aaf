/**
 * 专家评审 (staff): the review rounds of a call (chosen here or linked from the call's page as
 * ?callId=…), and a form to create a round with its score sheet (a default sheet prefilled).
 */
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { callsApi } from '../../api/programme.js';
import { roundsApi, type RoundSummary, type ScoreSheet } from '../../api/review.js';
import type { CallSummary } from '../../api/types.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { Forbidden } from '../../components/Forbidden.js';
import { PageHeader } from '../../components/PageHeader.js';
import { applyProblem, problemText } from '../../components/problem.js';
import { ROUND_STATUS_COLOR, roundLabel } from './bits.js';
import { DEFAULT_SHEET } from './defaultSheet.js';
import { useR } from './i18n.js';

export function RoundListPage() {
  const me = useMe();
  const { r, L, fmt, lang } = useR();
  const [params, setParams] = useSearchParams();
  const callId = params.get('callId') ?? '';
  const [calls, setCalls] = useState<CallSummary[]>([]);
  const [rows, setRows] = useState<RoundSummary[]>();
  const [error, setError] = useState<unknown>();
  const [creating, setCreating] = useState(false);
  const manage = can(me, 'review.manage');

  useEffect(() => {
    callsApi.list({ pageSize: 100 }).then(
      (res) => {
        setCalls(res.items);
        if (!callId && res.items.length) setParams({ callId: res.items[0]!.id }, { replace: true });
      },
      () => setCalls([]),
    );
  }, []);
  const load = () => {
    if (!callId) return setRows([]);
    setRows(undefined);
    roundsApi.list(callId).then(setRows, (e) => {
      setError(e);
      setRows([]);
    });
  };
  useEffect(load, [callId]);

  if (!can(me, 'review.read')) return <Forbidden />;
  return (
    <div data-testid="review-rounds">
      <PageHeader
        title={r('rounds.title')}
        subtitle={r('rounds.subtitle')}
        extra={
          manage &&
          callId && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="round-new"
            >
              {r('rounds.new')}
            </Button>
          )
        }
      />
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <Typography.Text>{r('rounds.call')}</Typography.Text>
          <Select
            style={{ minWidth: 420 }}
            value={callId || undefined}
            placeholder={r('rounds.callPh')}
            onChange={(v: string) => setParams({ callId: v })}
            options={calls.map((c) => ({ value: c.id, label: `${c.number ?? ''} ${c.title ?? ''}`.trim() }))}
            data-testid="rounds-call"
          />
        </Space>
        {error !== undefined && <Alert type="error" showIcon message={problemText(error, lang)} />}
        <Table<RoundSummary>
          rowKey="id"
          loading={rows === undefined}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: r('rounds.empty') }}
          columns={[
            {
              title: r('rounds.round'),
              render: (_, x) => (
                <Link to={`/review/rounds/${x.id}`} data-testid="round-link">
                  {roundLabel(r, x.kind, x.roundNo)}
                </Link>
              ),
            },
            {
              title: r('rounds.status'),
              render: (_, x) => (
                <Tag color={ROUND_STATUS_COLOR[x.status] ?? 'default'}>{L(x.statusLabel)}</Tag>
              ),
            },
            { title: r('rounds.applications'), dataIndex: 'applications', align: 'right' },
            { title: r('rounds.experts'), dataIndex: 'expertsPerApplication', align: 'right' },
            {
              title: r('rounds.blind'),
              dataIndex: 'blind',
              render: (v: boolean) => (v ? r('common.yes') : r('common.no')),
            },
            {
              title: r('rounds.deadline'),
              dataIndex: 'deadlineAt',
              render: (v: string) => fmt(v, 'YYYY-MM-DD HH:mm'),
            },
            {
              title: r('rounds.view'),
              render: (_, x) => <Link to={`/review/rounds/${x.id}`}>{r('rounds.view')}</Link>,
            },
          ]}
        />
      </Card>
      {creating && (
        <CreateRoundDialog
          callId={callId}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            load();
          }}
        />
      )}
      {!manage && <Typography.Text type="secondary">{r('round.readOnly')}</Typography.Text>}
    </div>
  );
}

interface RoundForm {
  roundNo: 1 | 2;
  expertsPerApplication: number;
  blind: boolean;
  excludeEarlierReviewers: boolean;
  deadlineAt: Dayjs;
  sheet: ScoreSheet;
}

const ROUND_FIELDS = ['roundNo', 'expertsPerApplication', 'blind', 'excludeEarlierReviewers', 'deadlineAt'];

function CreateRoundDialog({
  callId,
  onClose,
  onCreated,
}: {
  callId: string;
  onClose(): void;
  onCreated(): void;
}) {
  const { r, lang } = useR();
  const { message } = App.useApp();
  const [form] = Form.useForm<RoundForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const req = [{ required: true, message: r('form.required') }];
  const ok = async () => {
    await form.validateFields();
    // every value, also those without a field (criteria keys, the recommendations)
    const v = form.getFieldsValue(true) as RoundForm;
    setBusy(true);
    setError(undefined);
    try {
      await roundsApi.create({
        callId,
        roundNo: v.roundNo,
        expertsPerApplication: v.expertsPerApplication,
        blind: v.blind,
        excludeEarlierReviewers: v.excludeEarlierReviewers,
        deadlineAt: v.deadlineAt.second(0).millisecond(0).toISOString(),
        scoreSheet: v.sheet,
      });
      message.success(r('rounds.created'));
      onCreated();
    } catch (e) {
      // the sheet's fields are under `sheet` in this form, `scoreSheet` on the server
      setError(applyProblem(form, e, lang, ROUND_FIELDS));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={820}
      title={r('rounds.new')}
      onCancel={onClose}
      onOk={ok}
      okText={r('common.ok')}
      cancelText={r('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'round-create-ok' } as never}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          roundNo: 1,
          expertsPerApplication: 3,
          blind: true,
          excludeEarlierReviewers: false,
          deadlineAt: dayjs().add(14, 'day').hour(17).minute(0),
          sheet: DEFAULT_SHEET,
        }}
      >
        <Space wrap size="large">
          <Form.Item name="roundNo" label={r('form.roundNo')} rules={req}>
            <Radio.Group>
              <Radio value={1}>{r('form.remote')}</Radio>
              <Radio value={2}>{r('form.panel')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="expertsPerApplication" label={r('form.experts')} rules={req}>
            <InputNumber min={1} max={15} />
          </Form.Item>
          <Form.Item name="deadlineAt" label={r('form.deadline')} rules={req}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Space>
        <Space wrap size="large">
          <Form.Item name="blind" valuePropName="checked">
            <Checkbox>{r('form.blind')}</Checkbox>
          </Form.Item>
          <Form.Item name="excludeEarlierReviewers" valuePropName="checked">
            <Checkbox>{r('form.excludeEarlier')}</Checkbox>
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{r('form.sheet')}</Typography.Title>
        <Typography.Paragraph type="secondary">{r('form.sheetHint')}</Typography.Paragraph>
        <Form.List name={['sheet', 'criteria']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'label']} rules={req} label={r('form.criterion')}>
                    <Input style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'labelEn']} rules={req} label={r('form.criterionEn')}>
                    <Input style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'maxScore']} rules={req} label={r('form.max')}>
                    <InputNumber min={1} max={100} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'weight']} rules={req} label={r('form.weight')}>
                    <InputNumber min={1} max={100} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() =>
                  add({
                    key: `c${Date.now().toString(36)}`,
                    label: '',
                    labelEn: '',
                    maxScore: 10,
                    weight: 10,
                  })
                }
                style={{ marginBottom: 16 }}
              >
                {r('form.addCriterion')}
              </Button>
            </>
          )}
        </Form.List>
        <Space wrap size="large">
          <Form.Item name={['sheet', 'commentRequiredBelow']} label={r('form.commentBelow')} rules={req}>
            <InputNumber min={0} max={100} addonAfter="%" />
          </Form.Item>
          <Form.Item name={['sheet', 'overallCommentRequired']} valuePropName="checked" label=" ">
            <Checkbox>{r('form.overallRequired')}</Checkbox>
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
