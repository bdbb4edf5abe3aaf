import { useEffect, useState } from 'react';
import { Alert, Col, Form, Input, Modal, Row, Select } from 'antd';
import { orgsApi } from '../../api/admin.js';
import { ORG_TYPES, type Org, type OrgBody, type OrgPatch } from '../../api/types.js';
import { applyProblem } from '../../components/problem.js';
import { orgTypeKey } from '../../components/roleLabels.js';
import { useI18n } from '../../i18n/index.js';

const FIELDS = ['name', 'type', 'uscc', 'region', 'address', 'contactName', 'contactPhone', 'status'];

/** Create an organisation, or edit one (`org` given). Server field errors land on the fields. */
export function OrgFormModal({
  open,
  org,
  onClose,
  onSaved,
}: {
  open: boolean;
  org?: Org;
  onClose(): void;
  onSaved(o: Org): void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setError(undefined);
    form.resetFields();
    if (org) form.setFieldsValue({ ...org, contactPhone: undefined }); // the list holds a masked phone
  }, [open, org, form]);

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(undefined);
    const body: Record<string, unknown> = Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, x === '' ? (org ? null : undefined) : x]),
    );
    // Editing: an empty phone box keeps the stored (masked) phone.
    if (org && !v.contactPhone) delete body.contactPhone;
    try {
      const saved = org
        ? await orgsApi.update(org.id, body as OrgPatch)
        : await orgsApi.create(body as OrgBody);
      onSaved(saved);
    } catch (e) {
      setError(applyProblem(form, e, lang, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={org ? t('org.edit') : t('org.create')}
      onCancel={onClose}
      onOk={() => void save().catch(() => undefined)}
      confirmLoading={busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      width={720}
      destroyOnHidden
    >
      {error && (
        <Alert
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 16 }}
          data-testid="org-form-error"
        />
      )}
      <Form form={form} name="org" layout="vertical" requiredMark>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item
              name="name"
              label={t('org.name')}
              rules={[{ required: true, message: t('auth.required') }]}
            >
              <Input placeholder={t('org.namePh')} maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="type"
              label={t('org.type')}
              rules={[{ required: true, message: t('auth.required') }]}
            >
              <Select options={ORG_TYPES.map((ty) => ({ value: ty, label: t(orgTypeKey(ty)) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="uscc"
              label={t('org.uscc')}
              rules={[{ required: true, message: t('auth.required') }]}
            >
              <Input placeholder={t('org.usccPh')} maxLength={18} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="region"
              label={t('org.region')}
              rules={[{ required: true, message: t('auth.required') }]}
            >
              <Input placeholder="上海市徐汇区" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="address" label={t('org.address')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="contactName" label={t('org.contactName')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="contactPhone" label={t('org.contactPhone')}>
              <Input placeholder={org?.contactPhone ?? undefined} />
            </Form.Item>
          </Col>
          {org && (
            <Col span={12}>
              <Form.Item name="status" label={t('org.status')}>
                <Select
                  options={[
                    { value: 'active', label: t('user.status.active') },
                    { value: 'disabled', label: t('user.status.disabled') },
                  ]}
                />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
