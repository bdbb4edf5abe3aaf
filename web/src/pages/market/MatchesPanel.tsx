import { useEffect, useState } from 'react';
import { Alert, Empty, List, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { marketApi } from '../../api/market.js';
import type { NeedMatches } from '../../api/types.js';
import { problemText } from '../../components/problem.js';
import { Marked, TermTags } from './common.js';
import { useMt } from './i18n.js';
import { TRANSFER_MODES } from './labels.js';

/** Why a record is recommended: the shared meaningful terms and a relevance level in words. */
export function Why({ terms, relevance }: { terms: string[]; relevance: { zh: string; en: string } }) {
  const { m, lang } = useMt();
  return (
    <div style={{ marginTop: 4 }}>
      <Typography.Text type="secondary" style={{ marginRight: 6 }}>
        {m('match.why')}:
      </Typography.Text>
      <span data-testid="match-terms">
        <TermTags terms={terms} color="gold" />
      </span>
      <Tag bordered={false} color="blue" data-testid="match-relevance">
        {lang === 'en' ? relevance.en : relevance.zh}
      </Tag>
    </div>
  );
}

/** 智能推荐 for a need: achievements, solutions, experts, institutions, each with the matched terms. */
export function MatchesPanel({ needId }: { needId: string }) {
  const { m, L, lang } = useMt();
  const [data, setData] = useState<NeedMatches | null>(null);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    marketApi.needMatches(needId, 10).then(setData).catch(setError);
  }, [needId]);
  if (error !== undefined) return <Alert type="warning" showIcon message={problemText(error, lang)} />;
  if (!data) return <Spin className="to-page-spin" />;
  const empty = <Empty description={m('match.none')} />;
  return (
    <div data-testid="need-matches">
      <Alert type="info" showIcon message={m('match.note')} style={{ marginBottom: 12 }} />
      <Tabs
        items={[
          {
            key: 'a',
            label: `${m('match.achievements')} (${data.achievements.length})`,
            children: (
              <List
                dataSource={data.achievements}
                locale={{ emptyText: empty }}
                renderItem={(a) => (
                  <List.Item data-testid="match-achievement">
                    <List.Item.Meta
                      title={
                        <Link to={`/market/achievements/${a.id}`}>
                          <Marked html={a.highlights.title} fallback={a.title} />
                        </Link>
                      }
                      description={
                        <>
                          <div className="to-hit-abstract">
                            <Marked html={a.highlights.abstract} />
                          </div>
                          <Space wrap size={4}>
                            <span>{a.owner.name}</span>
                            <Tag color="geekblue">{a.field}</Tag>
                            <Tag>TRL {a.trl}</Tag>
                            {a.transferModes.map((t) => (
                              <Tag key={t} color="green">
                                {L(TRANSFER_MODES[t as keyof typeof TRANSFER_MODES]) || t}
                              </Tag>
                            ))}
                          </Space>
                          <Why terms={a.matchedTerms} relevance={a.relevanceLabel} />
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            ),
          },
          {
            key: 's',
            label: `${m('match.solutions')} (${data.solutions.length})`,
            children: (
              <List
                dataSource={data.solutions}
                locale={{ emptyText: empty }}
                renderItem={(s) => (
                  <List.Item>
                    <List.Item.Meta
                      title={<Marked html={s.highlights.title} fallback={s.title} />}
                      description={
                        <>
                          {s.solverName}
                          <Why terms={s.matchedTerms} relevance={s.relevanceLabel} />
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            ),
          },
          {
            key: 'e',
            label: `${m('match.experts')} (${data.experts.length})`,
            children: (
              <List
                dataSource={data.experts}
                locale={{ emptyText: empty }}
                renderItem={(e) => (
                  <List.Item>
                    <List.Item.Meta
                      title={`${e.name} · ${e.orgName}`}
                      description={
                        <>
                          <TermTags terms={e.fields} color="geekblue" />
                          <Why terms={e.matchedTerms} relevance={e.relevanceLabel} />
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            ),
          },
          {
            key: 'i',
            label: `${m('match.institutions')} (${data.institutions.length})`,
            children: (
              <List
                dataSource={data.institutions}
                locale={{ emptyText: empty }}
                renderItem={(i) => (
                  <List.Item>
                    <List.Item.Meta
                      title={i.name}
                      description={
                        <>
                          {i.region}
                          <Why terms={i.matchedTerms} relevance={i.relevanceLabel} />
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            ),
          },
        ]}
      />
    </div>
  );
}
