/** 申报书: the application form in steps, autosaved, with the live checklist beside it. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Steps,
  Tag,
  Typography,
} from 'antd';
import {
  CheckCircleOutlined,
  CloudSyncOutlined,
  FileWordOutlined,
  HistoryOutlined,
  LoadingOutlined,
  PrinterOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { usersApi } from '../../api/admin.js';
import { applicationsApi, callsApi } from '../../api/programme.js';
import type { ApplicationDetail, Checklist, PublicCall, SaveResult } from '../../api/types.js';
import type { User } from '../../api/types.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { ApplicationActions } from './ApplicationActions.js';
import { formNameOf, stepOfField } from './fieldRules.js';
import { AttachmentsSection } from './AttachmentsSection.js';
import { APP_STATUS_COLOR } from './bits.js';
import { ChecklistPanel } from './ChecklistPanel.js';
import { findDirection, fromForm, kpiDefaults, toForm } from './draft.js';
import { FormSections, STEPS } from './FormSections.js';
import { useP } from './i18n.js';
import { clearLocalDraft, readLocalDraft, useAutosave } from './useAutosave.js';
import { VersionsDrawer } from './VersionsDrawer.js';

export function ApplicationPage() {
  const { id = '' } = useParams();
  const { p, lang } = useP();
  const [app, setApp] = useState<ApplicationDetail | null>();
  const [error, setError] = useState<unknown>();
  const load = useCallback(
    () =>
      applicationsApi.get(id).then(setApp, (e) => {
        setError(e);
        setApp(null);
      }),
    [id],
  );
  useEffect(() => {
    void load();
  }, [load]);
  if (app === undefined) return <Skeleton active paragraph={{ rows: 16 }} />;
  if (app === null)
    return <Result status="warning" title={p('apps.title')} subTitle={problemText(error, lang)} />;
  return <ApplicationEditor key={app.id} initial={app} />;
}

function ApplicationEditor({ initial }: { initial: ApplicationDetail }) {
  const [paperError, setPaperError] = useState<unknown>();
  const me = useMe();
  const { p, L, fmt, lang, pick } = useP();
  const nav = useNavigate();
  const [app, setApp] = useState(initial);
  const [call, setCall] = useState<PublicCall>();
  const [checklist, setChecklist] = useState<Checklist>();
  const [checking, setChecking] = useState(false);
  const [step, setStep] = useState(0);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [restored, setRestored] = useState(false);
  const [leads, setLeads] = useState<User[]>([]);
  const [form] = Form.useForm();
  const editable = ['draft', 'returned'].includes(app.status) && can(me, 'application.edit');
  const direction = useMemo(() => findDirection(call?.call, app.directionCode), [call, app.directionCode]);
  const leadRef = useRef<string | null | undefined>(undefined);

  const refreshChecklist = useCallback(async () => {
    setChecking(true);
    try {
      setChecklist(await applicationsApi.checklist(app.id));
    } catch {
      /* the panel keeps the last answer */
    } finally {
      setChecking(false);
    }
  }, [app.id]);

  const onSaved = useCallback(
    (r: SaveResult) => {
      setApp(r.application);
      form.setFields(
        r.fieldErrors.map((f) => ({
          name: f.field.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x)),
          errors: [pick(f.message, f.messageEn)],
        })) as never,
      );
      void refreshChecklist();
    },
    [form, pick, refreshChecklist],
  );
  const save = useAutosave(app.id, app.version, onSaved);

  // first load: the stored draft, the guide, the checklist; an unsent local copy wins and is re-sent
  useEffect(() => {
    form.setFieldsValue(toForm(initial.content));
    void refreshChecklist();
    callsApi.publicPage(initial.callId).then(setCall, () => undefined);
    const local = readLocalDraft(initial.id);
    if (local && editable) {
      form.setFieldsValue(toForm(local.content));
      setRestored(true);
      save.change(local.content, local.leadUserId);
    } else if (local) clearLocalDraft(initial.id);
    if (me.roles.includes('orgAdmin'))
      usersApi
        .list({ orgId: me.orgId, role: 'projectLead', pageSize: 200 })
        .then((r) => setLeads(r.items))
        .catch(() => undefined);
    // once per application
  }, []);

  // the guide's KPIs pre-fill an empty commitment table
  useEffect(() => {
    if (!direction || !editable) return;
    const cur = form.getFieldValue('kpis');
    if (Array.isArray(cur) && cur.length) return;
    form.setFieldsValue({ kpis: kpiDefaults(direction, app.orgType) });
    save.change(fromForm(form.getFieldsValue(true)), leadRef.current);
  }, [direction]);

  const onValuesChange = () => {
    if (!editable) return;
    save.change(fromForm(form.getFieldsValue(true)), leadRef.current);
  };

  const refreshApp = async () => setApp(await applicationsApi.get(app.id));
  const afterAction = async (next?: ApplicationDetail) => {
    if (next) setApp(next);
    else await refreshApp();
    void refreshChecklist();
  };

  const saveBadge = () => {
    switch (save.state) {
      case 'saving':
      case 'pending':
        return (
          <Tag icon={<LoadingOutlined />} color="processing" data-testid="save-state" data-state="saving">
            {p('save.saving')}
          </Tag>
        );
      case 'saved':
        return (
          <Tag icon={<CheckCircleOutlined />} color="success" data-testid="save-state" data-state="saved">
            {p('save.savedAt', { t: fmt(save.savedAt, 'HH:mm:ss'), v: app.version })}
          </Tag>
        );
      case 'unsent':
        return (
          <Tag icon={<CloudSyncOutlined />} color="warning" data-testid="save-state" data-state="unsent">
            {p('save.unsent', { s: save.retryIn })}
          </Tag>
        );
      case 'conflict':
      case 'error':
        return (
          <Tag icon={<WarningOutlined />} color="error" data-testid="save-state" data-state={save.state}>
            {problemText(save.error, lang)}
          </Tag>
        );
      default:
        return (
          <Tag data-testid="save-state" data-state="idle">
            {p('save.savedAt', { t: fmt(app.updatedAt, 'HH:mm:ss'), v: app.version })}
          </Tag>
        );
    }
  };

  const stepKey = STEPS[step].key;
  /** A checklist item's link: the step that holds the field, then the field itself. */
  const goTo = (field: string) => {
    const i = STEPS.findIndex((s) => s.key === stepOfField(field));
    if (i >= 0) setStep(i);
    const name = formNameOf(field);
    if (name) setTimeout(() => form.scrollToField(name as never, { focus: true, block: 'center' }), 50);
  };
  return (
    <div data-testid="page-application" data-status={app.status}>
      <PageHeader
        title={app.projectTitle || `${app.callNumber ?? ''} · ${p('editor.direction')} ${app.directionCode}`}
        subtitle={
          <Space wrap>
            <Tag color={APP_STATUS_COLOR[app.status]} data-testid="application-status">
              {L(app.statusLabel)}
            </Tag>
            <span>{app.orgName}</span>
            <span>
              {app.callNumber} · {p('editor.direction')} {app.directionCode} {app.directionTitle}
            </span>
            {app.receiptNumber && <Tag color="green">{app.receiptNumber}</Tag>}
          </Space>
        }
        extra={
          <>
            {editable && saveBadge()}
            <Button
              icon={<FileWordOutlined />}
              data-testid="download-form"
              onClick={() => {
                setPaperError(undefined);
                // the document is the saved draft: send what is typed first
                void (editable ? save.flush() : Promise.resolve())
                  .then(() => applicationsApi.documentDocx(app.id))
                  .catch(setPaperError);
              }}
            >
              {p('app.downloadForm')}
            </Button>
            {app.receipt && (
              <Button
                icon={<PrinterOutlined />}
                data-testid="print-receipt"
                onClick={() => nav(`/programme/applications/${app.id}/receipt`)}
              >
                {p('receipt.print')}
              </Button>
            )}
            <Button
              icon={<HistoryOutlined />}
              onClick={() => setVersionsOpen(true)}
              data-testid="versions-open"
            >
              {p('versions.title')}
            </Button>
            <Button onClick={() => nav('/programme/applications')}>{p('common.back')}</Button>
          </>
        }
      />
      {paperError !== undefined && (
        <Alert
          type="error"
          showIcon
          closable
          message={problemText(paperError, lang)}
          style={{ marginBottom: 12 }}
          data-testid="download-form-error"
        />
      )}
      {restored && (
        <Alert type="info" showIcon closable message={p('save.restored')} style={{ marginBottom: 12 }} />
      )}
      {save.state === 'conflict' && (
        <Alert
          type="error"
          showIcon
          message={p('save.conflict')}
          style={{ marginBottom: 12 }}
          action={
            <Space>
              <Button size="small" danger onClick={() => void save.flush(true)}>
                {p('save.overwrite')}
              </Button>
              <Button
                size="small"
                onClick={() => {
                  clearLocalDraft(app.id);
                  window.location.reload();
                }}
              >
                {p('save.reload')}
              </Button>
            </Space>
          }
        />
      )}
      {!editable && !app.receipt && (
        <Alert type="info" showIcon message={p('save.readOnly')} style={{ marginBottom: 12 }} />
      )}
      <Row gutter={16} align="top">
        <Col xs={24} xl={17}>
          <Card variant="borderless">
            <Row gutter={24} wrap={false}>
              <Col flex="168px">
                <Steps
                  size="small"
                  direction="vertical"
                  current={step}
                  onChange={setStep}
                  items={STEPS.map((s, i) => ({
                    title: p(s.title),
                    status: i === step ? 'process' : 'wait',
                  }))}
                  data-testid="application-steps"
                />
              </Col>
              <Col flex="auto" style={{ minWidth: 0 }}>
                <Form
                  form={form}
                  layout="vertical"
                  name="application"
                  disabled={!editable}
                  onValuesChange={onValuesChange}
                >
                  <FormSections
                    step={stepKey}
                    direction={direction}
                    leadSelect={
                      me.roles.includes('orgAdmin') && (
                        <Form.Item label={p('apps.lead')}>
                          <Select
                            defaultValue={app.leadUserId ?? undefined}
                            allowClear
                            data-testid="f-lead-user"
                            options={leads.map((u) => ({ value: u.id, label: `${u.name}（${u.username}）` }))}
                            onChange={(v) => {
                              leadRef.current = v ?? null;
                              onValuesChange();
                            }}
                          />
                        </Form.Item>
                      )
                    }
                  />
                </Form>
                {stepKey === 'attachments' && (
                  <AttachmentsSection
                    app={app}
                    editable={editable}
                    onChanged={() => void refreshApp().then(refreshChecklist)}
                  />
                )}
                {stepKey === 'review' && (
                  <>
                    <Descriptions size="small" bordered column={2} style={{ marginBottom: 16 }}>
                      <Descriptions.Item label={p('apps.org')}>{app.orgName}</Descriptions.Item>
                      <Descriptions.Item label={p('apps.status')}>{L(app.statusLabel)}</Descriptions.Item>
                      <Descriptions.Item label={p('apps.call')}>{app.callNumber}</Descriptions.Item>
                      <Descriptions.Item label={p('apps.direction')}>
                        {app.directionCode} {app.directionTitle}
                      </Descriptions.Item>
                    </Descriptions>
                    <ApplicationActions
                      app={app}
                      closesAt={checklist?.closesAt}
                      checklist={checklist}
                      onGoTo={goTo}
                      districtMatching={direction?.fundingRules.districtMatching}
                      beforeAction={async () => {
                        if (save.hasPending()) await save.flush();
                      }}
                      onDone={(a) => void afterAction(a)}
                    />
                  </>
                )}
                <Space style={{ marginTop: 16 }}>
                  <Button disabled={step === 0} onClick={() => setStep(step - 1)}>
                    ←
                  </Button>
                  <Button
                    disabled={step === STEPS.length - 1}
                    onClick={() => setStep(step + 1)}
                    data-testid="step-next"
                  >
                    →
                  </Button>
                </Space>
              </Col>
            </Row>
          </Card>
        </Col>
        <Col xs={24} xl={7} style={{ position: 'sticky', top: 16 }}>
          <ChecklistPanel
            checklist={checklist}
            loading={checking}
            onGoTo={goTo}
            onRefresh={() => void refreshChecklist()}
          />
        </Col>
      </Row>
      <VersionsDrawer
        open={versionsOpen}
        app={app}
        editable={editable}
        onClose={() => setVersionsOpen(false)}
        onRestore={(content) => {
          form.resetFields();
          form.setFieldsValue(toForm(content));
          onValuesChange();
          setVersionsOpen(false);
        }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {app.id}
      </Typography.Text>
    </div>
  );
}
