import { Alert, Card, Empty, List, Progress, Space, Tag, Typography } from 'antd';
import type { Quality } from '../../api/types.js';
import { useMt } from './i18n.js';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The problem text with the vague words the quality check found marked. */
function VagueText({ text, words }: { text: string; words: string[] }) {
  if (!words.length || !text) return null;
  const parts = text.split(new RegExp(`(${words.map(escapeRe).join('|')})`, 'g'));
  return (
    <Typography.Paragraph
      style={{ background: '#fafafa', padding: 8, borderRadius: 4, marginTop: 8 }}
      data-testid="quality-vague-text"
    >
      {parts.map((p, i) =>
        words.includes(p) ? (
          <span key={i} className="to-quality-vague">
            {p}
          </span>
        ) : (
          <span key={i}>{p}</span>
        ),
      )}
    </Typography.Paragraph>
  );
}

/** The need-quality check: score, issues, vague words highlighted (from POST /needs/quality-check). */
export function NeedQuality({
  quality,
  problem,
  loading,
}: {
  quality: Quality | null;
  problem: string;
  loading?: boolean;
}) {
  const { m, pick } = useMt();
  const vague = quality?.issues.flatMap((i) => i.words ?? []) ?? [];
  const low = quality ? quality.score < quality.threshold : false;
  return (
    <Card
      variant="borderless"
      title={m('need.quality')}
      extra={<Typography.Text type="secondary">{m('need.qualityLive')}</Typography.Text>}
      loading={loading && !quality}
      data-testid="need-quality"
    >
      {!quality ? (
        <Empty description={m('need.problemHelp')} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <div style={{ textAlign: 'center' }}>
            <Progress
              type="dashboard"
              percent={quality.score}
              format={(p) => <span data-testid="quality-score">{p}</span>}
              strokeColor={low ? '#fa8c16' : '#52c41a'}
            />
          </div>
          <Alert
            type={low ? 'warning' : 'success'}
            showIcon
            message={low ? m('need.qualityRefine', { threshold: quality.threshold }) : m('need.qualityOk')}
          />
          <List
            size="small"
            dataSource={quality.issues}
            locale={{ emptyText: ' ' }}
            renderItem={(i) => (
              <List.Item data-testid={`quality-issue-${i.code}`}>
                <Space direction="vertical" size={2}>
                  <span>
                    <Tag color="orange">-{i.penalty}</Tag>
                    {pick(i.zh, i.en)}
                  </span>
                  {i.words && i.words.length > 0 && (
                    <span>
                      {m('need.vague')}:{' '}
                      {i.words.map((w) => (
                        <Tag key={w} color="red">
                          {w}
                        </Tag>
                      ))}
                    </span>
                  )}
                </Space>
              </List.Item>
            )}
          />
          <VagueText text={problem} words={vague} />
        </Space>
      )}
    </Card>
  );
}
