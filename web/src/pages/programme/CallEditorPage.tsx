/** 指南编辑: a call's basics, topics and directions (KPIs, funding in 万元, attachments, rules), JSON, publish/close. */
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Form, List, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, EyeOutlined, SaveOutlined, SolutionOutlined } from '@ant-design/icons';
import { callsApi } from '../../api/programme.js';
import type { CallDetail, CallTransition, ImportProblem } from '../../api/types.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { Forbidden } from '../../components/Forbidden.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { CALL_STATUS_COLOR, ImportedTag } from './bits.js';
import { BasicTab } from './callEditor/BasicTab.js';
import { CommonTab } from './callEditor/CommonTab.js';
import { fromEditor, NEW_CALL, toEditor } from './callEditor/convert.js';
import { JsonTab } from './callEditor/JsonTab.js';
import { DirectionsEditor } from './DirectionsEditor.js';
import { useP } from './i18n.js';

export function CallEditorPage() {
  const me = useMe();
  const { id = '' } = useParams();
  const { p, lang } = useP();
  const [detail, setDetail] = useState<CallDetail | null>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (id === 'new') return void setDetail(undefined);
    callsApi.get(id).then(setDetail, (e) => {
      setError(e);
      setDetail(null);
    });
  }, [id]);
  if (!can(me, 'call.read')) return <Forbidden />;
  if (id !== 'new' && detail === undefined) return <Skeleton active paragraph={{ rows: 14 }} />;
  if (detail === null)
    return <Result status="warning" title={p('calls.title')} subTitle={problemText(error, lang)} />;
  return <Editor key={detail?.id ?? 'new'} detail={detail} onSaved={setDetail} />;
}

function Editor({ detail, onSaved }: { detail?: CallDetail; onSaved(d: CallDetail): void }) {
  const me = useMe();
  const { p, L, pick, lang, fmt } = useP();
  const { message, modal } = App.useApp();
  const nav = useNavigate();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [json, setJson] = useState('');
  const base = detail?.content ?? NEW_CALL;
  const editable = can(me, 'call.manage') && (!detail || detail.status === 'draft');
  const problems: ImportProblem[] = detail?.problems ?? [];

  useEffect(() => {
    form.setFieldsValue(toEditor(base));
    setJson(JSON.stringify(base, null, 2));
    form.setFields(
      problems.map((pr) => ({
        name: pr.path.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x)),
        errors: [pick(pr.message, pr.messageEn)],
      })) as never,
    );
  }, [detail]);

  const save = async (content?: Record<string, unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      const doc = content ?? fromEditor(form.getFieldsValue(true), base);
      const saved = detail
        ? await callsApi.update(detail.id, doc, detail.version)
        : await callsApi.create(doc);
      message.success(p('editor.saved'));
      if (!detail) nav(`/programme/calls/${saved.id}`, { replace: true });
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const transition = (t: CallTransition) =>
    modal.confirm({
      title: pick(t.label, t.labelEn),
      content: `${detail?.number ?? ''} ${detail?.title ?? ''}`,
      okText: pick(t.label, t.labelEn),
      cancelText: p('common.cancel'),
      okButtonProps: { 'data-testid': 'transition-ok' } as never,
      onOk: async () => {
        try {
          onSaved(await callsApi.transition(detail!.id, t.to === 'closed' ? 'close' : 'publish'));
          message.success(p('flow.done'));
        } catch (e) {
          setError(e);
        }
      },
    });

  return (
    <div data-testid="page-call-editor" data-status={detail?.status ?? 'new'}>
      <PageHeader
        title={
          <Space>
            {detail?.number ?? p('calls.new')}
            {detail && (
              <Tag color={CALL_STATUS_COLOR[detail.status]} data-testid="call-status">
                {L(detail.statusLabel)}
              </Tag>
            )}
            {detail && <ImportedTag imported={detail.imported} />}
          </Space>
        }
        subtitle={
          detail
            ? `${detail.title ?? ''} · v${detail.version} · ${fmt(detail.updatedAt, 'YYYY-MM-DD HH:mm')}`
            : p('calls.subtitle')
        }
        extra={
          <>
            {detail && detail.status !== 'draft' && (
              <Link to={`/public/calls/${detail.id}`} target="_blank">
                <Button icon={<EyeOutlined />}>{p('calls.publicPage')}</Button>
              </Link>
            )}
            {detail && detail.status !== 'draft' && can(me, 'review.read') && (
              <Link to={`/review/rounds?callId=${encodeURIComponent(detail.id)}`} data-testid="call-reviews">
                <Button icon={<SolutionOutlined />}>{p('calls.reviews')}</Button>
              </Link>
            )}
            {detail && (
              <Button
                icon={<DownloadOutlined />}
                onClick={() => callsApi.exportJson(detail.id).catch(setError)}
                data-testid="call-export"
              >
                {p('editor.export')}
              </Button>
            )}
            {editable && (
              <Button
                icon={<SaveOutlined />}
                loading={busy}
                onClick={() => void save()}
                data-testid="call-save"
              >
                {p('editor.save')}
              </Button>
            )}
            {detail?.transitions
              .filter((t) => t.allowed || t.reason)
              .map((t) => (
                <Button
                  key={t.action}
                  type="primary"
                  danger={t.to === 'closed'}
                  disabled={!t.allowed}
                  title={t.reason ? L(t.reason) : undefined}
                  onClick={() => transition(t)}
                  data-testid={`call-${t.to === 'closed' ? 'close' : 'publish'}`}
                >
                  {pick(t.label, t.labelEn)}
                </Button>
              ))}
          </>
        }
      />
      {error !== undefined && (
        <Alert
          type="error"
          showIcon
          closable
          message={problemText(error, lang)}
          style={{ marginBottom: 12 }}
          data-testid="call-error"
        />
      )}
      {detail && detail.status === 'draft' && (
        <Alert
          style={{ marginBottom: 12 }}
          type={problems.length ? 'warning' : 'success'}
          showIcon
          message={
            problems.length ? `${p('editor.problems')}（${problems.length}）` : p('editor.problemsNone')
          }
          data-testid="call-problems"
          description={
            problems.length > 0 && (
              <List
                size="small"
                dataSource={problems.slice(0, 12)}
                renderItem={(x) => (
                  <List.Item style={{ padding: '2px 0' }}>
                    <Typography.Text code>{x.path}</Typography.Text>
                    <span style={{ marginLeft: 8 }}>{pick(x.message, x.messageEn)}</span>
                  </List.Item>
                )}
              />
            )
          }
        />
      )}
      {!editable && detail && (
        <Alert type="info" showIcon message={p('editor.readOnly')} style={{ marginBottom: 12 }} />
      )}
      <Card variant="borderless">
        <Form form={form} layout="vertical" name="call" disabled={!editable}>
          <Tabs
            items={[
              {
                key: 'basic',
                label: p('editor.basic'),
                forceRender: true,
                children: <BasicTab />,
              },
              {
                key: 'directions',
                label: p('editor.directions'),
                forceRender: true,
                children: <DirectionsEditor disabled={!editable} problems={problems} />,
              },
              {
                key: 'common',
                label: p('editor.common'),
                forceRender: true,
                children: <CommonTab editable={editable} problems={problems} />,
              },
              {
                key: 'json',
                label: p('editor.json'),
                children: (
                  <JsonTab
                    json={json}
                    onChange={setJson}
                    editable={editable}
                    onSave={(content) => void save(content)}
                    onError={setError}
                  />
                ),
              },
            ]}
          />
        </Form>
      </Card>
    </div>
  );
}
