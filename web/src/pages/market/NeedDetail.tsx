import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Space,
  Spin,
  Tabs,
  Typography,
} from 'antd';
import { EditOutlined, SendOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.js';
import { marketApi } from '../../api/market.js';
import type { Funnel, Need, PublicNeed, Solution } from '../../api/types.js';
import { useAuth } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { PageHeader } from '../../components/PageHeader.js';
import { applyProblem, problemText } from '../../components/problem.js';
import { ActionButton, StatusTag, TermTags, useMarketBase } from './common.js';
import { FunnelView } from './FunnelView.js';
import { useMt } from './i18n.js';
import { CONFIDENTIALITY, NEED_STATUS } from './labels.js';
import { MatchesPanel } from './MatchesPanel.js';
import { wanRange } from '../../../../shared/money.js';
import { NeedQuality } from './NeedQuality.js';
import { SolutionFormModal } from './SolutionFormModal.js';
import { SolutionsTable } from './SolutionsTable.js';
import { validValues } from '../../components/validValues.js';

const isFull = (n: PublicNeed | Need): n is Need => 'actions' in n;

/** 需求详情: the need, its quality, the solutions received with judging, the recommendations and its funnel. */
export function NeedDetail() {
  const { id = '' } = useParams();
  const base = useMarketBase();
  const { me } = useAuth();
  const { m, L, lang, fmt } = useMt();
  const { message } = App.useApp();
  const nav = useNavigate();
  const [need, setNeed] = useState<PublicNeed | Need | null>(null);
  const [error, setError] = useState<unknown>();
  const [solutions, setSolutions] = useState<Solution[] | null>(null);
  const [funnel, setFunnel] = useState<Funnel | null>(null);
  const [answering, setAnswering] = useState(false);
  const [refining, setRefining] = useState(false);
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState<string>();
  const signedIn = base === '/market' && !!me;
  // Only the newest list request may set the list: an older response (say, the page's first load still
  // in flight when the user's own answer comes back) must not overwrite a newer state.
  const solutionsSeq = useRef(0);
  const funnelSeq = useRef(0);
  const loadSolutions = useCallback(() => {
    const seq = ++solutionsSeq.current;
    marketApi
      .needSolutions(id)
      .then((r) => seq === solutionsSeq.current && setSolutions(r.items))
      .catch(() => seq === solutionsSeq.current && setSolutions(null));
  }, [id]);
  const loadFunnel = useCallback(() => {
    const seq = ++funnelSeq.current;
    marketApi
      .needFunnel(id)
      .then((f) => seq === funnelSeq.current && setFunnel(f))
      .catch(() => seq === funnelSeq.current && setFunnel(null));
  }, [id]);

  const load = useCallback(async () => {
    try {
      let n: PublicNeed | Need;
      if (signedIn) {
        // the public view says whether the full one is ours to read: no 404 asked for (issue 11)
        const pub = await marketApi.need(id);
        n = pub.viewerReadsFull ? await marketApi.fullNeed(id) : pub;
        loadSolutions();
        if (isFull(n)) loadFunnel();
      } else n = await marketApi.need(id);
      setNeed(n);
      setError(undefined);
    } catch (e) {
      setError(e);
    }
  }, [id, signedIn, loadSolutions, loadFunnel]);
  useEffect(() => {
    void load();
  }, [load]);

  const status = async (fn: () => Promise<Need>) => {
    setBusy(true);
    try {
      setNeed(await fn());
      message.success(m('ach.done'));
    } catch (e) {
      message.error(problemText(e, lang));
    } finally {
      setBusy(false);
    }
  };

  if (error !== undefined)
    return (
      <Result
        status={error instanceof ApiError && error.status === 404 ? '404' : 'error'}
        title={problemText(error, lang)}
      />
    );
  if (!need) return <Spin className="to-page-spin" />;
  const full = isFull(need) ? need : null;
  // the server decides who may answer; a full record says so in `actions`, the public one leaves it to the submit
  const mayAnswer = full
    ? full.actions.includes('answer')
    : signedIn &&
      !!me &&
      can(me, 'solution.write') &&
      need.status === 'published' &&
      me.orgId !== need.org.id;
  const owner =
    !!full &&
    (full.actions.includes('publish') || full.actions.includes('close') || full.actions.includes('edit'));

  const info = (
    <Card variant="borderless" style={{ marginBottom: 16 }}>
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={m('need.org')}>{need.org.name}</Descriptions.Item>
        <Descriptions.Item label={m('lib.field')}>{need.field}</Descriptions.Item>
        <Descriptions.Item label={m('need.budget')}>
          {wanRange(need.budgetMinFen, need.budgetMaxFen, m('common.wan'), m('common.notSet'))}
        </Descriptions.Item>
        <Descriptions.Item label={m('need.deadline')}>{need.deadline ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={m('lib.region')}>{need.region}</Descriptions.Item>
        <Descriptions.Item label={m('need.confidentiality')}>
          {L(CONFIDENTIALITY[need.confidentiality])}
        </Descriptions.Item>
        <Descriptions.Item label={m('need.keywords')} span={2}>
          <TermTags terms={need.keywords} />
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{m('need.problem')}</Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8 }}>
        {need.problem ?? need.summary ?? '—'}
      </Typography.Paragraph>
      {need.indicators && need.indicators.length > 0 && (
        <>
          <Typography.Title level={5}>{m('need.indicators')}</Typography.Title>
          <ul style={{ margin: 0 }}>
            {need.indicators.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </>
      )}
      {full?.refinedAt && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          message={`${m('need.refine')} · ${fmt(full.refinedAt, 'YYYY-MM-DD HH:mm')}`}
        />
      )}
    </Card>
  );

  const tabs = [
    ...(solutions !== null
      ? [
          {
            key: 'solutions',
            label: `${owner || !full ? (full ? m('need.received') : m('need.mySolution')) : m('need.received')} (${solutions.length})`,
            children: (
              <SolutionsTable
                items={solutions}
                testId="need-solutions"
                onChanged={(s) => {
                  solutionsSeq.current++; // a list request still in flight predates this change
                  setSolutions((prev) => (prev ?? []).map((x) => (x.id === s.id ? s : x)));
                  if (full) loadFunnel();
                }}
              />
            ),
          },
        ]
      : []),
    ...(full ? [{ key: 'matches', label: m('need.matches'), children: <MatchesPanel needId={id} /> }] : []),
    ...(funnel
      ? [{ key: 'funnel', label: m('need.funnel'), children: <FunnelView funnel={funnel} compact /> }]
      : []),
  ];

  return (
    <div data-testid="page-need-detail">
      <PageHeader
        title={need.title}
        subtitle={
          <Space>
            <StatusTag status={need.status} label={full?.statusLabel ?? NEED_STATUS[need.status]} />
            {need.publishedAt && <span>{fmt(need.publishedAt, 'YYYY-MM-DD')}</span>}
          </Space>
        }
        extra={
          <>
            {full?.actions.includes('edit') && (
              <Button icon={<EditOutlined />} onClick={() => nav(`/market/needs/${id}/edit`)}>
                {m('need.edit')}
              </Button>
            )}
            {full && (
              <ActionButton
                action="publish"
                actions={full.actions}
                type="primary"
                loading={busy}
                onClick={() => void status(() => marketApi.publishNeed(id, full.version))}
              >
                {m('need.publish')}
              </ActionButton>
            )}
            {full && (
              <ActionButton action="refine" actions={full.actions} onClick={() => setRefining(true)}>
                {m('need.refine')}
              </ActionButton>
            )}
            {full && (
              <ActionButton
                action="close"
                actions={full.actions}
                danger
                loading={busy}
                onClick={() => void status(() => marketApi.closeNeed(id, full.version))}
              >
                {m('need.close')}
              </ActionButton>
            )}
            {mayAnswer && (
              <Button
                type="primary"
                icon={<SendOutlined />}
                onClick={() => setAnswering(true)}
                data-testid="need-answer"
              >
                {m('need.answer')}
              </Button>
            )}
            {!signedIn && need.status === 'published' && (
              <Button
                type="primary"
                onClick={() => nav('/login', { state: { from: `/market/needs/${id}` } })}
              >
                {m('need.answer')}
              </Button>
            )}
          </>
        }
      />
      <Row gutter={16}>
        <Col xs={24} lg={full ? 16 : 24}>
          {info}
          {tabs.length > 0 && (
            <Card variant="borderless">
              <Tabs activeKey={tab ?? tabs[0].key} onChange={setTab} items={tabs} />
            </Card>
          )}
        </Col>
        {full && (
          <Col xs={24} lg={8}>
            <NeedQuality quality={full.quality} problem={full.problem} />
          </Col>
        )}
      </Row>
      {answering && (
        <SolutionFormModal
          needId={id}
          needTitle={need.title}
          onCancel={() => setAnswering(false)}
          onDone={(s) => {
            setAnswering(false);
            message.success(m('sol.submitted'));
            // show it at once, then take the server's list (which a request still in flight would lack)
            setSolutions((prev) => [s, ...(prev ?? []).filter((x) => x.id !== s.id)]);
            loadSolutions();
            if (full) loadFunnel();
          }}
        />
      )}
      {refining && full && (
        <RefineModal
          need={full}
          onCancel={() => setRefining(false)}
          onDone={(n) => {
            setRefining(false);
            setNeed(n);
          }}
        />
      )}
    </div>
  );
}

function RefineModal({ need, onDone, onCancel }: { need: Need; onDone(n: Need): void; onCancel(): void }) {
  const { m, lang } = useMt();
  const [form] = Form.useForm<{ title: string; problem: string; indicators: string; note: string }>();
  const [error, setError] = useState('');
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      onDone(
        await marketApi.refineNeed(need.id, {
          title: v.title,
          problem: v.problem,
          indicators: v.indicators
            .split('\n')
            .map((x) => x.trim())
            .filter(Boolean),
          note: v.note,
          version: need.version,
        }),
      );
    } catch (e) {
      setError(applyProblem(form, e, lang, ['title', 'problem', 'indicators', 'note']));
    }
  };
  return (
    <Modal open width={720} title={m('need.refine')} onOk={() => void submit()} onCancel={onCancel}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          title: need.title,
          problem: need.problem,
          indicators: need.indicators.join('\n'),
          note: '',
        }}
      >
        <Form.Item name="title" label={m('need.name')} rules={[{ required: true, min: 4 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="problem" label={m('need.problem')} rules={[{ required: true }]}>
          <Input.TextArea rows={5} />
        </Form.Item>
        <Form.Item name="indicators" label={m('need.indicators')} extra={m('need.indicatorsHelp')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="note" label={m('need.refineNote')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
