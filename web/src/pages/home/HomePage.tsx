/**
 * The public home at `/`: open and upcoming calls with their windows (Beijing time), the latest
 * notices, the achievement search box, sign-in and 一网通办 (shown only when this installation has it).
 * No sign-in needed; the portal grows from here.
 */
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Col, Empty, Input, Layout, Row, Skeleton, Space, Tag, Typography } from 'antd';
import {
  BulbOutlined,
  FileSearchOutlined,
  FunnelPlotOutlined,
  SafetyOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { authApi } from '../../api/auth.js';
import { marketApi } from '../../api/market.js';
import { callsApi } from '../../api/programme.js';
import { publicNoticesApi, type PublicNotice } from '../../api/notice.js';
import type { CallSummary, Challenge } from '../../api/types.js';
import { useAuth } from '../../auth/AuthContext.js';
import { PublicHeader } from '../../components/PublicHeader.js';
import { useI18n } from '../../i18n/index.js';

type ChallengeBrief = Omit<Challenge, 'needs' | 'winners'>;

interface Notice {
  key: string;
  at: string;
  kind: 'call' | 'challenge' | 'jiebang' | 'notice';
  title: string;
  to: string;
}

/** The latest published calls, challenges and award notices (公示), newest first. */
export function latestNotices(
  calls: CallSummary[],
  challenges: ChallengeBrief[],
  awardNotices: PublicNotice[] = [],
  max = 6,
): Notice[] {
  const items: Notice[] = [
    ...awardNotices.map((n) => ({
      key: `notice-${n.id}`,
      at: n.publishedAt ?? n.period.opensAt,
      kind: 'notice' as const,
      title: n.title,
      to: `/notices/${n.id}`,
    })),
    ...calls.map((c) => ({
      key: `call-${c.id}`,
      at: c.publishedAt ?? c.updatedAt,
      kind: 'call' as const,
      title: c.title ?? c.number ?? '',
      to: `/public/calls/${c.id}`,
    })),
    ...challenges.map((c) => ({
      key: `challenge-${c.id}`,
      at: c.opensAt,
      kind: c.kind,
      title: c.title,
      to: `/open/challenges/${c.id}`,
    })),
  ];
  return items.sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, max);
}

export function HomePage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const nav = useNavigate();
  const [calls, setCalls] = useState<CallSummary[] | null>(null);
  const [challenges, setChallenges] = useState<ChallengeBrief[] | null>(null);
  const [awardNotices, setAwardNotices] = useState<PublicNotice[]>([]);
  const [oidc, setOidc] = useState(false);
  const [failed, setFailed] = useState(false);
  const [q, setQ] = useState('');

  useEffect(() => {
    callsApi.open().then(
      (r) => setCalls(r.items),
      () => (setCalls([]), setFailed(true)),
    );
    marketApi.challenges().then(
      (r) => setChallenges(r.items),
      () => setChallenges([]),
    );
    publicNoticesApi.list().then(
      (r) => setAwardNotices(r.items),
      () => setAwardNotices([]),
    );
    authApi.oidcStatus().then(
      (r) => setOidc(r.configured),
      () => setOidc(false),
    );
  }, []);

  const search = (text: string) => {
    const s = text.trim();
    nav(s ? `/open/achievements?q=${encodeURIComponent(s)}` : '/open/achievements');
  };

  const services = [
    {
      to: '/open/achievements',
      icon: <FileSearchOutlined />,
      title: t('home.nav.achievements'),
      text: t('home.svc.achievements'),
    },
    { to: '/open/needs', icon: <BulbOutlined />, title: t('home.nav.needs'), text: t('home.svc.needs') },
    {
      to: '/open/challenges',
      icon: <TrophyOutlined />,
      title: t('home.nav.challenges'),
      text: t('home.svc.challenges'),
    },
    {
      to: '/open/funnel',
      icon: <FunnelPlotOutlined />,
      title: t('home.nav.funnel'),
      text: t('home.svc.funnel'),
    },
  ];

  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f7fb' }} data-testid="home">
      <PublicHeader />
      <section className="to-home-hero">
        <div className="to-home-hero-inner">
          <h1>{t('home.title')}</h1>
          <div className="slogan">{t('home.slogan')}</div>
          <Input.Search
            className="to-home-search"
            size="large"
            allowClear
            enterButton={t('home.search')}
            placeholder={t('home.searchPh')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={search}
            data-testid="home-search"
          />
          <div className="to-home-buttons">
            {me ? (
              <Link to="/dashboard">
                <Button size="large" icon={<UserOutlined />} data-testid="home-workspace">
                  {t('home.workspace')}
                </Button>
              </Link>
            ) : (
              <>
                <Link to="/login">
                  <Button size="large" icon={<UserOutlined />} data-testid="home-sign-in">
                    {t('home.signIn')}
                  </Button>
                </Link>
                {oidc && (
                  <Button
                    size="large"
                    icon={<SafetyOutlined />}
                    href={authApi.oidcStartUrl}
                    data-testid="ywtb-login"
                  >
                    {t('home.ywtb')}
                  </Button>
                )}
              </>
            )}
          </div>
        </div>
      </section>
      <main className="to-pub-main">
        {failed && (
          <Alert type="error" showIcon message={t('home.loadFailed')} style={{ marginBottom: 16 }} />
        )}
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={16}>
            <Card variant="borderless" title={t('home.calls')} data-testid="home-calls">
              {calls === null ? (
                <Skeleton active />
              ) : calls.length === 0 ? (
                <Empty description={t('home.callsEmpty')} />
              ) : (
                calls.map((c) => <CallItem key={c.id} call={c} />)
              )}
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card variant="borderless" title={t('home.notices')} data-testid="home-notices">
              <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
                {t('home.noticesNote')}
              </Typography.Paragraph>
              {calls === null || challenges === null ? (
                <Skeleton active />
              ) : (
                <Notices items={latestNotices(calls, challenges, awardNotices)} />
              )}
            </Card>
          </Col>
          <Col span={24}>
            <Card variant="borderless" title={t('home.services')}>
              <Row gutter={[16, 16]}>
                {services.map((s) => (
                  <Col xs={12} md={6} key={s.to}>
                    <Link to={s.to} className="to-quick-item" style={{ display: 'block', height: '100%' }}>
                      <span className="icon">{s.icon}</span>
                      <div className="label">{s.title}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {s.text}
                      </Typography.Text>
                    </Link>
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
        </Row>
      </main>
      <Layout.Footer style={{ textAlign: 'center', color: 'rgba(0,0,0,0.45)' }}>
        {t('app.footer')}
      </Layout.Footer>
    </Layout>
  );
}

function CallItem({ call: c }: { call: CallSummary }) {
  const { t, fmt } = useI18n();
  const open = c.deadline === 'open';
  return (
    <div className="to-home-call" data-testid={`home-call-${c.id}`}>
      <Space size={[8, 4]} wrap>
        {c.number && <Tag color="blue">{c.number}</Tag>}
        <Tag color={open ? 'green' : 'gold'} data-testid={`home-call-state-${c.id}`}>
          {open ? t('home.open') : t('home.notOpen')}
        </Tag>
      </Space>
      <div className="to-home-call-title" style={{ margin: '6px 0' }}>
        <Link to={`/public/calls/${c.id}`} data-testid={`home-call-link-${c.id}`}>
          {c.title ?? c.number}
        </Link>
      </div>
      <Typography.Text type="secondary" data-testid={`home-call-window-${c.id}`}>
        {t('home.window')}：{fmt(c.opensAt, 'YYYY-MM-DD HH:mm')} — {fmt(c.closesAt, 'YYYY-MM-DD HH:mm')}（
        {t('home.beijing')}）
      </Typography.Text>
      <div style={{ marginTop: 8 }}>
        <Link to={`/public/calls/${c.id}`}>
          <Button size="small" type={open ? 'primary' : 'default'}>
            {t('home.view')}
          </Button>
        </Link>
      </div>
    </div>
  );
}

function Notices({ items }: { items: Notice[] }) {
  const { t, fmt } = useI18n();
  if (items.length === 0) return <Empty description={t('home.noticesEmpty')} />;
  return (
    <div>
      {items.map((n) => (
        <div
          className="to-home-notice"
          key={n.key}
          data-testid={n.kind === 'notice' ? 'home-award-notice' : 'home-notice'}
        >
          <span className="date">{fmt(n.at, 'MM-DD')}</span>
          <span>
            <Tag
              bordered={false}
              color={n.kind === 'call' ? 'blue' : n.kind === 'notice' ? 'green' : 'purple'}
            >
              {t(`home.kind.${n.kind}`)}
            </Tag>
            <Link to={n.to}>{n.title}</Link>
          </span>
        </div>
      ))}
    </div>
  );
}
