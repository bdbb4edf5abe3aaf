import { useEffect, useState } from 'react';
import { Alert, Card, DatePicker, Form, Input, Spin } from 'antd';
import type { Dayjs } from 'dayjs';
import { marketApi } from '../../api/market.js';
import type { Funnel } from '../../api/types.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { FunnelView } from './FunnelView.js';
import { useMt } from './i18n.js';

export function MarketFunnel() {
  const { m, lang } = useMt();
  const [scope, setScope] = useState<{ field?: string; from?: string; to?: string }>({});
  const [funnel, setFunnel] = useState<Funnel | null>(null);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    marketApi
      .funnel(scope)
      .then((f) => {
        setFunnel(f);
        setError(undefined);
      })
      .catch(setError);
  }, [scope]);
  return (
    <>
      <Form
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onValuesChange={(_c, v: { field?: string; range?: [Dayjs, Dayjs] | null }) =>
          setScope({
            field: v.field?.trim() || undefined,
            from: v.range?.[0]?.format('YYYY-MM-DD'),
            to: v.range?.[1]?.add(1, 'day').format('YYYY-MM-DD'),
          })
        }
      >
        <Form.Item name="field" label={m('lib.field')}>
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="range" label={`${m('funnel.from')} ~ ${m('funnel.to')}`}>
          <DatePicker.RangePicker />
        </Form.Item>
      </Form>
      {error !== undefined && <Alert type="error" showIcon message={problemText(error, lang)} />}
      {funnel ? <FunnelView funnel={funnel} /> : error === undefined && <Spin className="to-page-spin" />}
    </>
  );
}

/** 对接成效: the market funnel and the match rate with its definition (public). */
export function FunnelPage() {
  const { m } = useMt();
  return (
    <div data-testid="page-funnel">
      <PageHeader title={m('funnel.title')} subtitle={m('funnel.subtitle')} />
      <Card variant="borderless">
        <MarketFunnel />
      </Card>
    </div>
  );
}
