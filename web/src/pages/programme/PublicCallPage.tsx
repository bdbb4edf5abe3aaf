/** 指南公开页: a published call for everyone, no sign-in — directions, KPIs, caps, ratios, rules, window. */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Grid,
  Layout,
  Result,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { callsApi } from '../../api/programme.js';
import type { PublicCall } from '../../api/types.js';
import { PublicHeader } from '../../components/PublicHeader.js';
import { useAuth } from '../../auth/AuthContext.js';
import { applyPath, loginThen } from '../../auth/next.js';
import { problemText } from '../../components/problem.js';
import { Countdown, DeadlineTag, DescribedRules, KpiTable } from './bits.js';
import { useP } from './i18n.js';
import { showFen } from '../../../../shared/money.js';

export function PublicCallPage() {
  const { id = '' } = useParams();
  const { p, lang } = useP();
  const [data, setData] = useState<PublicCall | null>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    callsApi
      .publicPage(id)
      .then(setData)
      .catch((e) => {
        setError(e);
        setData(null);
      });
  }, [id]);

  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f7fb' }}>
      <PublicHeader title={p('public.title')} />
      <Layout.Content className="to-pub-main">
        {data === undefined && <Skeleton active paragraph={{ rows: 12 }} />}
        {data === null && (
          <Result status="404" title={p('public.notFound')} subTitle={problemText(error, lang)} />
        )}
        {data && <CallBody data={data} />}
      </Layout.Content>
    </Layout>
  );
}

/** 登录后申报: to the call's application after sign-in (signed in already: straight there). */
function ApplyButton({ callId }: { callId: string }) {
  const { p } = useP();
  const { me } = useAuth();
  const to = me ? applyPath(callId) : loginThen(applyPath(callId));
  return (
    <Link to={to} data-testid="public-apply">
      <Button type="primary" size="large">
        {me ? p('public.apply') : p('public.signIn')}
      </Button>
    </Link>
  );
}

function CallBody({ data }: { data: PublicCall }) {
  const { p, pick, fmt, lang } = useP();
  // The published call document (CallSchema on the server); the API types it as an open record.
  const call = data.call as Record<string, any>;
  const described = new Map(data.directions.map((d) => [d.code, d]));
  // a phone: the label above its value, not a 160 px column beside it
  const narrow = !Grid.useBreakpoint().md;
  return (
    <div data-testid="public-call">
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Row gutter={24} align="middle">
          <Col flex="auto">
            <Space direction="vertical" size={4}>
              <Space>
                <Tag color="blue">{call.number}</Tag>
                <DeadlineTag state={data.deadline} />
              </Space>
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="public-call-title">
                {pick(call.title, call.titleEn)}
              </Typography.Title>
              <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginTop: 8 }}>
                <Descriptions.Item label={p('public.issuer')}>{call.issuer ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={p('editor.issuedOn')}>{call.issuedOn ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={p('public.window')}>
                  <span data-testid="public-window">
                    {fmt(call.window?.opensAt, 'YYYY-MM-DD HH:mm')} —{' '}
                    {fmt(call.window?.closesAt, 'YYYY-MM-DD HH:mm')}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label={p('public.review')}>
                  {call.reviewMode ? p(`review.${call.reviewMode as 'oneRound' | 'twoRounds'}`) : '—'}
                </Descriptions.Item>
              </Descriptions>
            </Space>
          </Col>
          <Col>
            <Space direction="vertical" align="end">
              {call.window && <Countdown opensAt={call.window.opensAt} closesAt={call.window.closesAt} />}
              {data.deadline !== 'closed' && <ApplyButton callId={data.id} />}
            </Space>
          </Col>
        </Row>
        {call.window?.note && (
          <Alert type="info" showIcon style={{ marginTop: 12 }} message={call.window.note} />
        )}
      </Card>

      <Card variant="borderless" title={p('public.commonRules')} style={{ marginBottom: 16 }}>
        <DescribedRules rules={data.commonRules} testId="public-common-rules" />
        {(call.commonAttachments ?? []).length > 0 && (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {p('public.attachments')}
            </Typography.Title>
            <ul style={{ margin: 0 }}>
              {call.commonAttachments.map((a: any) => (
                <li key={a.type}>
                  {pick(a.label, a.labelEn)}
                  {a.when && (
                    <Typography.Text type="secondary">
                      （{pick(a.when.explain, a.when.explainEn ?? a.when.labelEn)}）
                    </Typography.Text>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>

      {(call.topics ?? []).map((topic: any) => (
        <Card
          key={topic.code}
          variant="borderless"
          style={{ marginBottom: 16 }}
          title={
            <Space>
              <Tag color="geekblue">
                {p('editor.topic')} {topic.code}
              </Tag>
              {pick(topic.title, topic.titleEn)}
            </Space>
          }
        >
          {topic.directions.map((d: any) => {
            const fr = d.fundingRules ?? {};
            return (
              <Card
                key={d.code}
                type="inner"
                style={{ marginBottom: 16 }}
                data-testid={`public-direction-${d.code}`}
                title={
                  <Space>
                    <Tag color="blue">
                      {p('editor.direction')} {d.code}
                    </Tag>
                    <span>{pick(d.title, d.titleEn)}</span>
                    {d.needsDistrictRecommendation && <Tag color="purple">{p('public.district')}</Tag>}
                  </Space>
                }
              >
                <Descriptions
                  size="small"
                  column={1}
                  bordered
                  layout={narrow ? 'vertical' : 'horizontal'}
                  labelStyle={narrow ? undefined : { width: 160 }}
                >
                  <Descriptions.Item label={p('editor.goal')}>{d.goal}</Descriptions.Item>
                  <Descriptions.Item label={p('editor.scope')}>
                    <Typography.Paragraph
                      style={{ margin: 0, whiteSpace: 'pre-wrap' }}
                      ellipsis={{ rows: 4, expandable: true }}
                    >
                      {d.scope}
                    </Typography.Paragraph>
                  </Descriptions.Item>
                  <Descriptions.Item label={p('editor.period')}>
                    {d.executionPeriod?.start} — {d.executionPeriod?.end}
                  </Descriptions.Item>
                  <Descriptions.Item label={p('public.funding')}>
                    <Space wrap data-testid={`public-funding-${d.code}`}>
                      <Tag color="red">
                        {p('funding.cap')}：{showFen(fr.capPerProjectFen, lang)}
                      </Tag>
                      {fr.firstYearCapFen !== undefined && (
                        <Tag color="orange">
                          {p('funding.firstYearCap')}：{showFen(fr.firstYearCapFen, lang)}
                        </Tag>
                      )}
                      {fr.projectCount && (
                        <Tag>
                          {p('funding.projectCount')}：{fr.projectCount}
                        </Tag>
                      )}
                      {fr.coFundingRatio && (
                        <Tag color="blue">
                          {p('funding.ratio')} {fr.coFundingRatio.self}:{fr.coFundingRatio.requested}
                        </Tag>
                      )}
                      {fr.districtMatching && (
                        <Tag color="purple">
                          {p('funding.districtMatching')} {fr.districtMatching.district}:
                          {fr.districtMatching.municipal}
                        </Tag>
                      )}
                    </Space>
                    {fr.text && (
                      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                        {fr.text}
                      </Typography.Paragraph>
                    )}
                  </Descriptions.Item>
                  {d.applicantRequirements && (
                    <Descriptions.Item label={p('editor.requirements')}>
                      {d.applicantRequirements}
                    </Descriptions.Item>
                  )}
                  {d.requiredAttachments?.length > 0 && (
                    <Descriptions.Item label={p('public.attachments')}>
                      {d.requiredAttachments.map((a: any) => (
                        <div key={a.type}>· {pick(a.label, a.labelEn)}</div>
                      ))}
                    </Descriptions.Item>
                  )}
                </Descriptions>
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  {p('public.kpis')}
                </Typography.Title>
                <KpiTable kpis={d.kpis ?? []} />
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  {p('public.rules')}
                </Typography.Title>
                <DescribedRules
                  rules={described.get(d.code)?.rules ?? []}
                  testId={`public-rules-${d.code}`}
                />
              </Card>
            );
          })}
        </Card>
      ))}
    </div>
  );
}
