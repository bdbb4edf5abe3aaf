/** An organisation admin starts an application: pick the direction and the project lead. */
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Form, Modal, Select, Tag } from 'antd';
import { usersApi } from '../../api/admin.js';
import { applicationsApi, callsApi } from '../../api/programme.js';
import type { CallSummary, PublicCall } from '../../api/types.js';
import type { User } from '../../api/types.js';
import { useMe } from '../../auth/AuthContext.js';
import { applyProblem } from '../../components/problem.js';
import { useP } from './i18n.js';

export function StartApplicationModal({ call, onClose }: { call: CallSummary | null; onClose(): void }) {
  const me = useMe();
  const { p, lang, pick } = useP();
  const nav = useNavigate();
  const [form] = Form.useForm();
  const [detail, setDetail] = useState<PublicCall>();
  const [leads, setLeads] = useState<User[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!call) return;
    setError(undefined);
    form.resetFields();
    callsApi.publicPage(call.id).then(setDetail, (e) => setError(String(e)));
    usersApi
      .list({ orgId: me.orgId, role: 'projectLead', pageSize: 200 })
      .then((r) => setLeads(r.items))
      .catch(() => setLeads([]));
  }, [call, form, me.orgId]);

  const ok = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const a = await applicationsApi.start({
        callId: call!.id,
        directionCode: v.directionCode,
        leadUserId: v.leadUserId,
      });
      nav(`/programme/applications/${a.id}`);
    } catch (e) {
      setError(applyProblem(form, e, lang, ['directionCode', 'leadUserId']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!call}
      title={`${p('apps.startTitle')} · ${call?.number ?? ''}`}
      onCancel={onClose}
      onOk={() => void ok().catch(() => undefined)}
      confirmLoading={busy}
      okText={p('apps.start')}
      cancelText={p('common.cancel')}
      width={640}
      destroyOnHidden
    >
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="start-error" />
      )}
      <Form form={form} layout="vertical" name="start">
        <Form.Item name="directionCode" label={p('apps.direction')} rules={[{ required: true }]}>
          <Select
            data-testid="start-direction"
            loading={!detail}
            options={(detail?.directions ?? []).map((d) => ({
              value: d.code,
              label: (
                <span>
                  {p('editor.direction')} {d.code} · {d.title}
                  {d.needsDistrictRecommendation && (
                    <Tag color="purple" style={{ marginLeft: 8 }}>
                      {p('public.district')}
                    </Tag>
                  )}
                </span>
              ),
              title: `${d.code} ${d.title}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="leadUserId" label={p('apps.lead')}>
          <Select
            data-testid="start-lead"
            allowClear
            options={leads.map((u) => ({ value: u.id, label: `${u.name}（${u.username}）`, title: u.name }))}
            notFoundContent={pick('本单位暂无项目负责人账号', 'No project-lead account in your organisation')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
