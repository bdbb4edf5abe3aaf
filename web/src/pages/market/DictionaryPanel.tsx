import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Popconfirm, Row, Table, Tag, Typography } from 'antd';
import { marketApi } from '../../api/market.js';
import type { Dictionary, DictionaryChange } from '../../api/types.js';
import { applyProblem, problemText } from '../../components/problem.js';
import { useMt } from './i18n.js';
import { validValues } from '../../components/validValues.js';

/** 检索领域词典: staff add or remove domain terms; the index is rebuilt. */
export function DictionaryPanel() {
  const { m, lang, fmt } = useMt();
  const { message } = App.useApp();
  const [dict, setDict] = useState<Dictionary | null>(null);
  const [error, setError] = useState('');
  const [change, setChange] = useState<DictionaryChange | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ terms: string; note?: string }>();
  const load = useCallback(() => {
    marketApi
      .dictionary()
      .then(setDict)
      .catch((e) => setError(problemText(e, lang)));
  }, [lang]);
  useEffect(load, [load]);

  const add = async () => {
    const v = await validValues(form);
    if (!v) return;
    setBusy(true);
    setError('');
    try {
      const terms = v.terms.split(/[\s,，]+/).filter(Boolean);
      setChange(await marketApi.addTerms(terms, v.note?.trim() || undefined));
      form.resetFields();
      load();
    } catch (e) {
      setError(applyProblem(form, e, lang, ['note']));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (term: string) => {
    try {
      setChange(await marketApi.removeTerm(term));
      load();
    } catch (e) {
      message.error(problemText(e, lang));
    }
  };
  return (
    <div data-testid="dictionary">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {change && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          message={m('dict.changed', {
            added: change.added,
            removed: change.removed,
            docs: change.reindexedDocs,
            ms: change.ms.toFixed(0),
          })}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card size="small" title={m('dict.add')}>
            <Form form={form} layout="vertical">
              <Form.Item name="terms" label={m('dict.terms')} rules={[{ required: true }]}>
                <Input.TextArea rows={4} placeholder="钙钛矿 固态电池" />
              </Form.Item>
              <Form.Item name="note" label={m('dict.note')}>
                <Input />
              </Form.Item>
              <Button type="primary" loading={busy} onClick={() => void add()}>
                {m('dict.add')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Table
            size="small"
            rowKey="term"
            title={() => m('dict.custom')}
            loading={!dict}
            dataSource={dict?.custom ?? []}
            pagination={{ pageSize: 10 }}
            columns={[
              {
                title: m('ach.keywords'),
                dataIndex: 'term',
                render: (v: string) => <Tag color="blue">{v}</Tag>,
              },
              { title: m('dict.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
              { title: '', dataIndex: 'createdAt', render: (v: string) => fmt(v, 'YYYY-MM-DD HH:mm') },
              {
                title: m('common.actions'),
                key: 'x',
                render: (_v, r) => (
                  <Popconfirm
                    title={`${m('common.delete')} ${r.term}?`}
                    onConfirm={() => void remove(r.term)}
                  >
                    <Button type="link" danger size="small">
                      {m('common.delete')}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
          {dict && (
            <Typography.Paragraph
              type="secondary"
              ellipsis={{ rows: 3, expandable: true }}
              style={{ marginTop: 12 }}
            >
              {m('dict.builtIn', { n: dict.builtIn.length })}：{dict.builtIn.join('、')}
            </Typography.Paragraph>
          )}
        </Col>
      </Row>
    </div>
  );
}
