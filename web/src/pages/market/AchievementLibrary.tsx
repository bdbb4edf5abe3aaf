import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  Empty,
  Form,
  Input,
  List,
  Select,
  Slider,
  Space,
  Tag,
  Typography,
} from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { marketApi } from '../../api/market.js';
import type { IpType, PublicAchievement, SearchResult, Suggestion, TransferMode } from '../../api/types.js';
import { problemText } from '../../components/problem.js';
import { Marked, TermTags, useMarketBase } from './common.js';
import { useMt } from './i18n.js';
import { IP_TYPES, TRANSFER_MODES } from './labels.js';

interface Filters {
  field?: string;
  trl?: [number, number];
  region?: string;
  transferMode?: TransferMode;
  ipType?: IpType;
}

/** 科技成果库: browse published achievements, or search them in Chinese with filters and highlights. */
export function AchievementLibrary() {
  const { m, L, lang } = useMt();
  const base = useMarketBase();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1);
  const [text, setText] = useState(q);
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [result, setResult] = useState<SearchResult | null>(null);
  const [browse, setBrowse] = useState<{ total: number; items: PublicAchievement[] } | null>(null);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    let live = true;
    setLoading(true);
    const trl = filters.trl && (filters.trl[0] > 1 || filters.trl[1] < 9) ? filters.trl : undefined;
    const req = q
      ? marketApi
          .search({
            q,
            type: 'achievement',
            field: filters.field,
            region: filters.region,
            transferMode: filters.transferMode,
            ipType: filters.ipType,
            trlMin: trl?.[0],
            trlMax: trl?.[1],
            page,
            pageSize: 10,
          })
          .then((r) => live && (setResult(r), setBrowse(null)))
      : marketApi
          .publicAchievements({ field: filters.field, page, pageSize: 10 })
          .then((r) => live && (setBrowse(r), setResult(null)));
    req
      .then(() => live && setError(undefined))
      .catch((e) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [q, page, filters]);

  const go = (nextQ: string, nextPage = 1) => {
    const p = new URLSearchParams(params);
    if (nextQ) p.set('q', nextQ);
    else p.delete('q');
    p.set('page', String(nextPage));
    setParams(p);
  };

  const onType = (v: string) => {
    setText(v);
    clearTimeout(timer.current);
    if (v.trim().length < 2) return setSuggestions([]);
    timer.current = setTimeout(() => {
      marketApi
        .suggest(v.trim(), 'achievement')
        .then((r) => setSuggestions(r.items))
        .catch(() => setSuggestions([]));
    }, 250);
  };

  const items = useMemo(() => {
    if (result)
      return result.hits.map((h) => ({
        id: h.id,
        title: h.title,
        titleHtml: h.highlights.title,
        abstractHtml: h.highlights.abstract,
        abstract: '',
        field: h.field,
        region: h.region,
        trl: h.trl,
        org: h.orgName,
        modes: h.transferModes,
        matched: h.matchedTerms,
        source: h.source,
        sourceNote: null as null | { zh: string; en: string },
      }));
    return (browse?.items ?? []).map((a) => ({
      id: a.id,
      title: a.title,
      titleHtml: undefined,
      abstractHtml: undefined,
      abstract: a.abstract.length > 160 ? `${a.abstract.slice(0, 160)}…` : a.abstract,
      field: a.field,
      region: a.region,
      trl: a.trl,
      org: a.owner.name,
      modes: a.transferModes as string[],
      matched: [] as string[],
      source: a.source as string | null,
      sourceNote: a.sourceNote,
    }));
  }, [result, browse]);
  const hasDemo = items.some((i) => i.source === 'kppatent' || i.source === 'generated');
  const total = result?.total ?? browse?.total ?? 0;

  return (
    <div data-testid="page-achievement-library">
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          <AutoComplete
            value={text}
            options={suggestions.map((s) => ({ value: s.title, label: s.title }))}
            onChange={onType}
            onSelect={(v: string) => {
              setText(v);
              go(v);
            }}
            style={{ width: '100%' }}
          >
            <Input.Search
              size="large"
              enterButton={
                <Button type="primary" icon={<SearchOutlined />} data-testid="library-search">
                  {m('lib.search')}
                </Button>
              }
              placeholder={m('lib.searchPlaceholder')}
              onSearch={(v) => go(v.trim())}
              data-testid="library-q"
            />
          </AutoComplete>
          <Form
            form={form}
            layout="inline"
            initialValues={{ trl: [1, 9] }}
            onValuesChange={(_c, all) => {
              setFilters(all);
              go(q);
            }}
            style={{ rowGap: 8 }}
          >
            <Form.Item name="field" label={m('lib.field')}>
              <Input allowClear style={{ width: 140 }} placeholder="集成电路" />
            </Form.Item>
            <Form.Item name="trl" label={m('lib.trl')}>
              <Slider range min={1} max={9} style={{ width: 160 }} disabled={!q} />
            </Form.Item>
            <Form.Item name="region" label={m('lib.region')}>
              <Input allowClear style={{ width: 130 }} placeholder="浦东新区" disabled={!q} />
            </Form.Item>
            <Form.Item name="transferMode" label={m('lib.transferMode')}>
              <Select
                allowClear
                disabled={!q}
                placeholder={m('common.all')}
                style={{ width: 120 }}
                options={Object.entries(TRANSFER_MODES).map(([k, v]) => ({ value: k, label: L(v) }))}
              />
            </Form.Item>
            <Form.Item name="ipType" label={m('lib.ipType')}>
              <Select
                allowClear
                disabled={!q}
                placeholder={m('common.all')}
                style={{ width: 150 }}
                options={Object.entries(IP_TYPES).map(([k, v]) => ({ value: k, label: L(v) }))}
              />
            </Form.Item>
          </Form>
        </Space>
      </Card>
      {error !== undefined && (
        <Alert type="error" showIcon message={problemText(error, lang)} style={{ marginBottom: 16 }} />
      )}
      {hasDemo && (
        <Alert
          type="info"
          showIcon
          message={m('lib.sourceNote')}
          style={{ marginBottom: 16 }}
          data-testid="source-note"
        />
      )}
      <Card
        variant="borderless"
        title={
          result
            ? m('lib.hits', {
                total: result.total,
                ms: result.tookMs.toFixed(1),
                terms: result.queryTerms.join(' / '),
              })
            : m('lib.browse', { total })
        }
      >
        <List
          loading={loading}
          dataSource={items}
          locale={{ emptyText: <Empty description={m('lib.empty')} /> }}
          pagination={{
            current: page,
            pageSize: 10,
            total,
            showSizeChanger: false,
            onChange: (p) => go(q, p),
          }}
          renderItem={(i) => (
            <div className="to-hit" data-testid="library-hit" style={{ borderBottom: '1px solid #f0f0f0' }}>
              <Link to={`${base}/achievements/${i.id}`} className="to-hit-title">
                <Marked html={i.titleHtml} fallback={i.title} />
              </Link>
              <div className="to-hit-abstract">
                <Marked html={i.abstractHtml} fallback={i.abstract} />
              </div>
              <Space wrap size={[4, 4]}>
                {i.field && <Tag color="geekblue">{i.field}</Tag>}
                {i.trl !== null && <Tag>TRL {i.trl}</Tag>}
                {i.modes.map((mo) => (
                  <Tag key={mo} color="green">
                    {L(TRANSFER_MODES[mo as keyof typeof TRANSFER_MODES]) || mo}
                  </Tag>
                ))}
                {i.org && <Typography.Text type="secondary">{i.org}</Typography.Text>}
                {i.region && <Typography.Text type="secondary">· {i.region}</Typography.Text>}
                {(i.source === 'kppatent' || i.source === 'generated') && (
                  <Tag bordered={false}>
                    {m(i.source === 'kppatent' ? 'lib.srcPatent' : 'lib.srcGenerated')}
                  </Tag>
                )}
              </Space>
              {i.matched.length > 0 && (
                <div style={{ marginTop: 6 }}>
                  <Typography.Text type="secondary" style={{ marginRight: 6 }}>
                    {m('lib.matched')}:
                  </Typography.Text>
                  <TermTags terms={i.matched} color="gold" />
                </div>
              )}
            </div>
          )}
        />
      </Card>
    </div>
  );
}
