/**
 * The public's objection (异议) to a listed project: name, organisation, contact, statement. The server
 * judges it (validateObjection names every missing or wrong field); its messages go on the fields, in
 * the reader's language, and an accepted objection answers with its receipt.
 */
import { useState } from 'react';
import { Alert, Button, Col, Form, Input, Result, Row, Select, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import {
  publicNoticesApi,
  type ObjectionBody,
  type ObjectionReceipt,
  type PublicNotice,
} from '../../api/notice.js';
import { showFieldErrors } from './bits.js';
import { useN } from './i18n.js';

const FIELDS = ['applicationId', 'name', 'organisation', 'phone', 'email', 'statement', 'evidence'];
const MAX_FILES = 3;
const MAX_BYTES = 3 * 1024 * 1024;

/** A file as the objection's JSON carries it (base64; the server checks it as every upload). */
async function asEvidence(f: File) {
  const bytes = new Uint8Array(await f.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { filename: f.name, contentBase64: btoa(bin) };
}

export function ObjectionForm({ notice }: { notice: PublicNotice }) {
  const { n, L, fmt, lang } = useN();
  const [form] = Form.useForm<ObjectionBody>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [receipt, setReceipt] = useState<ObjectionReceipt>();
  const [files, setFiles] = useState<File[]>([]);

  const submit = async () => {
    const v = form.getFieldsValue();
    setBusy(true);
    setError(undefined);
    try {
      const evidence = await Promise.all(files.map(asEvidence));
      setReceipt(
        await publicNoticesApi.object(notice.id, {
          ...(evidence.length ? { evidence } : {}),
          applicationId: v.applicationId ?? '',
          name: v.name ?? '',
          statement: v.statement ?? '',
          ...(v.organisation ? { organisation: v.organisation } : {}),
          ...(v.phone ? { phone: v.phone } : {}),
          ...(v.email ? { email: v.email } : {}),
        }),
      );
      form.resetFields();
      setFiles([]);
    } catch (e) {
      setError(showFieldErrors(form, e, lang, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  if (receipt)
    return (
      <Result
        status="success"
        title={n('receipt.title')}
        subTitle={
          <span data-testid="objection-receipt">
            {L(receipt.message)}
            <br />
            {n('receipt.number', { id: receipt.id })} · {fmt(receipt.createdAt, 'YYYY-MM-DD HH:mm')}
          </span>
        }
        extra={
          <Button onClick={() => setReceipt(undefined)} data-testid="objection-another">
            {n('receipt.another')}
          </Button>
        }
      />
    );
  // a field's server message goes once the field is changed
  const clear = (changed: Record<string, unknown>) =>
    form.setFields(Object.keys(changed).map((name) => ({ name: name as never, errors: [] })));
  return (
    <Form form={form} layout="vertical" onValuesChange={clear} data-testid="objection-form">
      <Typography.Paragraph type="secondary">{n('public.objectHint')}</Typography.Paragraph>
      {error && (
        <Alert
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 12 }}
          data-testid="objection-error"
        />
      )}
      <Form.Item name="applicationId" label={n('form.project')} required>
        <Select
          placeholder={n('form.projectPh')}
          options={notice.entries.map((e) => ({
            value: e.applicationId,
            label: `${e.rank}. ${e.projectTitle}（${e.orgName}）`,
          }))}
          data-testid="objection-project"
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={n('form.name')} required>
            <Input placeholder={n('form.namePh')} maxLength={50} data-testid="objection-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="organisation" label={n('form.organisation')}>
            <Input maxLength={200} data-testid="objection-organisation" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="phone" label={n('form.phone')}>
            <Input maxLength={30} data-testid="objection-phone" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="email" label={n('form.email')}>
            <Input maxLength={200} data-testid="objection-email" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="statement" label={n('form.statement')} required>
        <Input.TextArea
          rows={5}
          maxLength={5000}
          showCount
          placeholder={n('form.statementPh')}
          data-testid="objection-statement"
        />
      </Form.Item>
      <Form.Item name="evidence" label={n('form.evidence')} extra={n('form.evidenceHint')}>
        <Upload
          multiple
          fileList={files.map((f, i) => ({ uid: String(i), name: f.name, status: 'done' as const }))}
          beforeUpload={(f) => {
            if (f.size > MAX_BYTES) setError(n('form.evidenceTooLarge', { name: f.name }));
            else setFiles((cur) => [...cur, f].slice(0, MAX_FILES));
            return false;
          }}
          onRemove={(x) => setFiles((cur) => cur.filter((_, i) => String(i) !== x.uid))}
        >
          <Button
            icon={<UploadOutlined />}
            disabled={files.length >= MAX_FILES}
            data-testid="objection-evidence"
          >
            {n('form.evidencePick')}
          </Button>
        </Upload>
      </Form.Item>
      <Button type="primary" loading={busy} onClick={submit} data-testid="objection-submit">
        {n('form.submit')}
      </Button>
    </Form>
  );
}
