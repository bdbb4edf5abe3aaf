import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  List,
  Modal,
  Result,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { EditOutlined, PhoneOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.js';
import { marketApi } from '../../api/market.js';
import type {
  Achievement,
  AchievementAction,
  AchievementMatches,
  PublicAchievement,
} from '../../api/types.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { ActionButton, Marked, StatusTag, TermTags, useMarketBase } from './common.js';
import { Why } from './MatchesPanel.js';
import { useMt } from './i18n.js';
import { ACHIEVEMENT_ACTION_LABELS, IP_TYPES, TRANSFER_MODES } from './labels.js';
import { wanRange } from '../../../../shared/money.js';

const isFull = (a: PublicAchievement | Achievement): a is Achievement => 'actions' in a;

/** 成果详情: public information; the owner's and reviewers' view adds the disclosure workflow. */
export function AchievementDetail() {
  const { id = '' } = useParams();
  const base = useMarketBase();
  const { m, L, lang, fmt } = useMt();
  const { message } = App.useApp();
  const nav = useNavigate();
  const [a, setA] = useState<PublicAchievement | Achievement | null>(null);
  const [error, setError] = useState<unknown>();
  const [matches, setMatches] = useState<AchievementMatches | null>(null);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      let rec: PublicAchievement | Achievement;
      if (base === '/market') {
        // the public view says whether the full one is ours to read: no 404 asked for (issue 11)
        const pub = await marketApi.achievement(id);
        rec = pub.viewerReadsFull ? await marketApi.fullAchievement(id) : pub;
      } else rec = await marketApi.achievement(id);
      setA(rec);
      setError(undefined);
      if (rec.status === 'published')
        marketApi
          .achievementMatches(id, 6)
          .then(setMatches)
          .catch(() => setMatches(null));
    } catch (e) {
      setError(e);
    }
  }, [id, base]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (action: AchievementAction, body: { reason?: string } = {}) => {
    if (!a || !isFull(a)) return;
    setBusy(true);
    try {
      setA(await marketApi.achievementAction(a.id, action, { ...body, version: a.version }));
      message.success(m('ach.done'));
      setReturning(false);
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
  if (!a) return <Spin className="to-page-spin" />;
  const full = isFull(a) ? a : null;
  const editable =
    full && (full.status === 'draft' || full.status === 'returned') && full.actions.includes('submit');

  return (
    <div data-testid="page-achievement-detail">
      <PageHeader
        title={a.title}
        subtitle={
          <Space>
            {full ? <StatusTag status={full.status} label={full.statusLabel} /> : null}
            <span>{a.owner.name}</span>
            {a.publishedAt && (
              <span>
                · {m('ach.publishedAt')} {fmt(a.publishedAt, 'YYYY-MM-DD')}
              </span>
            )}
          </Space>
        }
        extra={
          <>
            {editable && (
              <Button icon={<EditOutlined />} onClick={() => nav(`/market/achievements/${a.id}/edit`)}>
                {m('ach.edit')}
              </Button>
            )}
            {full &&
              (['submit', 'publish', 'keepInternal', 'return', 'withdraw'] as AchievementAction[]).map(
                (ac) => (
                  <ActionButton
                    key={ac}
                    action={ac}
                    actions={full.actions}
                    denials={full.denials}
                    loading={busy}
                    danger={ac === 'return' || ac === 'withdraw'}
                    type={ac === 'publish' || ac === 'submit' ? 'primary' : 'default'}
                    onClick={() => (ac === 'return' ? setReturning(true) : void act(ac))}
                  >
                    {L(ACHIEVEMENT_ACTION_LABELS[ac])}
                  </ActionButton>
                ),
              )}
          </>
        }
      />
      {a.sourceNote && (
        <Alert
          type="info"
          showIcon
          message={L(a.sourceNote)}
          style={{ marginBottom: 16 }}
          data-testid="source-note"
        />
      )}
      {full?.returnReason && full.status === 'returned' && (
        <Alert
          type="warning"
          showIcon
          message={`${m('ach.returnReason')}：${full.returnReason}`}
          style={{ marginBottom: 16 }}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card variant="borderless" title={m('ach.abstract')} style={{ marginBottom: 16 }}>
            <Typography.Paragraph style={{ lineHeight: 1.8, whiteSpace: 'pre-wrap' }}>
              {a.abstract}
            </Typography.Paragraph>
            <TermTags terms={a.keywords} />
          </Card>
          <Card variant="borderless" title={m('ach.ip')} style={{ marginBottom: 16 }}>
            <Table
              size="small"
              rowKey={(r, i) => `${r.type}-${r.number ?? i}`}
              pagination={false}
              dataSource={a.ipItems}
              columns={[
                {
                  title: m('lib.ipType'),
                  dataIndex: 'type',
                  render: (v: keyof typeof IP_TYPES) => L(IP_TYPES[v]),
                },
                { title: m('ach.ipNumber'), dataIndex: 'number', render: (v) => v || '—' },
                { title: m('ach.ipTitle'), dataIndex: 'title', render: (v) => v || '—' },
              ]}
            />
          </Card>
          {matches && (
            <Card variant="borderless" title={m('ach.needsMatched')} data-testid="achievement-matches">
              <List
                dataSource={matches.needs}
                locale={{ emptyText: <Empty description={m('match.none')} /> }}
                renderItem={(n) => (
                  <List.Item>
                    <List.Item.Meta
                      title={
                        <Link to={`${base}/needs/${n.id}`}>
                          <Marked html={n.highlights.title} fallback={n.title} />
                        </Link>
                      }
                      description={
                        <>
                          <Space wrap>
                            <span>{n.orgName}</span>
                            <Tag>{n.field}</Tag>
                            <span>
                              {wanRange(n.budgetMinFen, n.budgetMaxFen, m('common.wan'), m('common.notSet'))}
                            </span>
                          </Space>
                          <Why terms={n.matchedTerms} relevance={n.relevanceLabel} />
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            </Card>
          )}
        </Col>
        <Col xs={24} lg={8}>
          <Card variant="borderless" style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={m('lib.field')}>{a.field}</Descriptions.Item>
              <Descriptions.Item label={m('lib.trl')}>
                TRL {a.trl} · {L(a.trlLabel)}
              </Descriptions.Item>
              <Descriptions.Item label={m('ach.ownership')}>{L(a.ownershipLabel)}</Descriptions.Item>
              <Descriptions.Item label={m('lib.transferMode')}>
                {a.transferModes.map((t) => (
                  <Tag key={t} color="green">
                    {L(TRANSFER_MODES[t])}
                  </Tag>
                ))}
              </Descriptions.Item>
              <Descriptions.Item label={m('ach.price')}>
                {wanRange(a.priceMinFen, a.priceMaxFen, m('common.wan'), m('common.notSet'))}
              </Descriptions.Item>
              <Descriptions.Item label={m('lib.region')}>{a.region}</Descriptions.Item>
              <Descriptions.Item label={m('ach.orgs')}>
                {a.organisations
                  .map((o) => `${o.name}${o.role === 'first' ? `（${m('ach.firstOrg')}）` : ''}`)
                  .join('；') || a.owner.name}
              </Descriptions.Item>
              <Descriptions.Item label={m('ach.people')}>
                {a.people.map((p) => p.name).join('、') || '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card
            variant="borderless"
            title={
              <Space>
                <PhoneOutlined />
                {m('ach.contact')}
              </Space>
            }
            data-testid="achievement-contact"
          >
            <Descriptions column={1} size="small">
              <Descriptions.Item label={m('ach.contactTm')}>
                {a.contact.techManagerName ?? '—'}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Text type="secondary">{a.contact.note}</Typography.Text>
            {full?.researcherContact && (
              <Descriptions
                column={1}
                size="small"
                title={m('ach.researcherContact')}
                style={{ marginTop: 12 }}
              >
                <Descriptions.Item label="👤">{full.researcherContact.name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="☎">{full.researcherContact.phone ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="✉">{full.researcherContact.email ?? '—'}</Descriptions.Item>
              </Descriptions>
            )}
          </Card>
        </Col>
      </Row>
      <Modal
        open={returning}
        title={L(ACHIEVEMENT_ACTION_LABELS.return)}
        okButtonProps={{ disabled: !reason.trim(), loading: busy }}
        onOk={() => void act('return', { reason: reason.trim() })}
        onCancel={() => setReturning(false)}
      >
        <Input.TextArea
          rows={4}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={m('ach.returnPrompt')}
        />
      </Modal>
    </div>
  );
}
