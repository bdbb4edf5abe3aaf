/**
 * 新建评审轮次 (staff): the round's settings and its score sheet, prefilled with the default sheet the
 * server answers (GET /api/review/score-sheets/default) for staff to adjust before creating the round.
 */
import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { roundsApi, type ScoreSheet } from '../../api/review.js';
import { applyProblem, problemText } from '../../components/problem.js';
import { useR } from './i18n.js';

interface RoundForm {
  roundNo: 1 | 2;
  expertsPerApplication: number;
  blind: boolean;
  excludeEarlierReviewers: boolean;
  deadlineAt: Dayjs;
  sheet: ScoreSheet;
}

const ROUND_FIELDS = ['roundNo', 'expertsPerApplication', 'blind', 'excludeEarlierReviewers', 'deadlineAt'];

export function CreateRoundDialog({
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
  // the default sheet: undefined while it loads, null when it could not be loaded
  const [sheet, setSheet] = useState<ScoreSheet | null>();
  const [sheetError, setSheetError] = useState<unknown>();
  useEffect(() => {
    roundsApi.defaultSheet().then(setSheet, (e) => {
      setSheetError(e);
      setSheet(null);
    });
  }, []);
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
      okButtonProps={{ loading: busy, disabled: !sheet, 'data-testid': 'round-create-ok' } as never}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {sheet === undefined && <Skeleton active paragraph={{ rows: 8 }} />}
      {sheet === null && <Alert type="error" showIcon message={problemText(sheetError, lang)} />}
      {sheet && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            roundNo: 1,
            expertsPerApplication: 3,
            blind: true,
            excludeEarlierReviewers: false,
            deadlineAt: dayjs().add(14, 'day').hour(17).minute(0),
            sheet,
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
      )}
    </Modal>
  );
}
