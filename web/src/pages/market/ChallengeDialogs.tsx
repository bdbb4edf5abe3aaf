import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Form, Input, Modal, Select, type ButtonProps } from 'antd';
import { usersApi } from '../../api/admin.js';
import { marketApi } from '../../api/market.js';
import type { Challenge, PublicNeed } from '../../api/types.js';
import type { User } from '../../api/types.js';
import { applyProblem, problemText } from '../../components/problem.js';
import { useMt } from './i18n.js';

export interface DialogProps {
  challenge: Challenge;
  onDone(c: Challenge): void;
  onCancel(): void;
}

export function FormModal({
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

/** Sends one change; server field errors land on the form, the rest in the modal's alert. */
export function useRun(onDone: (c: Challenge) => void) {
  const { m, lang } = useMt();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const run = async (fields: string[], fn: () => Promise<Challenge>) => {
    setBusy(true);
    setError('');
    try {
      const x = await fn();
      message.success(m('ach.done'));
      onDone(x);
    } catch (e) {
      setError(applyProblem(form, e, lang, fields));
    } finally {
      setBusy(false);
    }
  };
  return { form, busy, error, setError, run, m, lang };
}

/** Adds published needs that belong to no other challenge. */
export function NeedsDialog({ challenge: c, onDone, onCancel }: DialogProps) {
  const { form, busy, error, setError, run, m, lang } = useRun(onDone);
  const [needs, setNeeds] = useState<PublicNeed[]>([]);
  useEffect(() => {
    marketApi
      .publicNeeds({ pageSize: 100 })
      .then((r) => setNeeds(r.items.filter((n) => !n.challengeId || n.challengeId === c.id)))
      .catch((e) => setError(problemText(e, lang)));
  }, [c.id, lang, setError]);
  return (
    <FormModal
      title={m('ch.attachNeeds')}
      testId="attach-needs-ok"
      error={error}
      busy={busy}
      onCancel={onCancel}
      onOk={() =>
        void form
          .validateFields()
          .then((v: { needIds: string[] }) => run(['needIds'], () => marketApi.attachNeeds(c.id, v.needIds)))
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
  );
}

/** Invites users with the expert role to pre-screen. */
export function ExpertsDialog({ challenge: c, onDone, onCancel }: DialogProps) {
  const { form, busy, error, setError, run, m, lang } = useRun(onDone);
  const [experts, setExperts] = useState<User[]>([]);
  useEffect(() => {
    usersApi
      .list({ role: 'expert', status: 'active', pageSize: 200 })
      .then((r) => setExperts(r.items))
      .catch((e) => setError(problemText(e, lang)));
  }, [lang, setError]);
  return (
    <FormModal
      title={m('ch.experts')}
      testId="assign-experts-ok"
      error={error}
      busy={busy}
      onCancel={onCancel}
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
  );
}

/** Publishes the results with the note shown on the public page. */
export function PublishDialog({ challenge: c, onDone, onCancel }: DialogProps) {
  const { form, busy, error, run, m } = useRun(onDone);
  return (
    <FormModal
      title={m('ch.action.publishResults')}
      testId="publish-results-ok"
      error={error}
      busy={busy}
      onCancel={onCancel}
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
  );
}
