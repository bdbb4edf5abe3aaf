/** 形式审查: confirm or override one finding of an application's screening, with a reason. */
import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Radio } from 'antd';
import { screeningApi } from '../../../api/programme.js';
import type { ScreeningItem } from '../../../api/types.js';
import { applyProblem } from '../../../components/problem.js';
import { useP } from '../i18n.js';

export type Finding = ScreeningItem['findings'][number];

/** The finding being decided on, and whether it is confirmed or overridden. */
export type Decision = { item: ScreeningItem; finding: Finding; action: 'confirm' | 'override' };

export function DecisionModal({
  value,
  onClose,
  onDone,
}: {
  value: Decision | null;
  onClose(): void;
  onDone(): void;
}) {
  const { p, pick, lang } = useP();
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!value) return;
    form.resetFields();
    setError(undefined);
    form.setFieldsValue({ verdict: value.finding.passed === true ? 'fail' : 'pass' });
  }, [value, form]);
  const ok = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await screeningApi.decide(value!.item.applicationId, {
        ruleId: value!.finding.ruleId,
        action: value!.action,
        ...(value!.action === 'override' ? { verdict: v.verdict } : {}),
        reason: v.reason,
      });
      onDone();
    } catch (e) {
      setError(applyProblem(form, e, lang, ['reason', 'verdict']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!value}
      onCancel={onClose}
      onOk={() => void ok().catch(() => undefined)}
      confirmLoading={busy}
      okText={p('common.ok')}
      cancelText={p('common.cancel')}
      okButtonProps={{ 'data-testid': 'decision-ok' } as never}
      title={
        value &&
        p('screen.decideTitle', {
          a: value.action === 'override' ? p('screen.override') : p('screen.confirm'),
          r: pick(value.finding.label, value.finding.labelEn),
        })
      }
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name="decision">
        {value?.action === 'override' && (
          <Form.Item name="verdict" label={p('screen.verdict')} rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'pass', label: p('result.pass') },
                { value: 'fail', label: p('result.fail') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={p('screen.reason')}
          rules={[{ required: true, min: 2, whitespace: true, message: p('flow.reasonRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="decision-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
