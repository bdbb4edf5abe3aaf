import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Select, type ButtonProps } from 'antd';
import { marketApi } from '../../api/market.js';
import type { Achievement, Solution } from '../../api/types.js';
import { applyProblem } from '../../components/problem.js';
import { useMt } from './i18n.js';
import { TRL_LABELS } from './labels.js';
import { wanToFen } from '../../../../shared/money.js';
import { wanRule } from '../../components/wanRule.js';
import { validValues } from '../../components/validValues.js';

interface Values {
  title: string;
  summary: string;
  approach?: string;
  keywords?: string[];
  trl?: number;
  quote?: string;
  achievementId?: string;
}

/** 答题: a researcher or institution answers a need with a solution. */
export function SolutionFormModal({
  needId,
  needTitle,
  onDone,
  onCancel,
}: {
  needId: string;
  needTitle: string;
  onDone(s: Solution): void;
  onCancel(): void;
}) {
  const { m, L, lang } = useMt();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [mine, setMine] = useState<Achievement[]>([]);
  useEffect(() => {
    marketApi
      .myAchievements({ mine: 'org', status: 'published', pageSize: 100 })
      .then((r) => setMine(r.items))
      .catch(() => setMine([]));
  }, []);

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setBusy(true);
    setError('');
    try {
      const s = await marketApi.answer(needId, {
        title: v.title.trim(),
        summary: v.summary.trim(),
        approach: v.approach?.trim() ?? '',
        keywords: v.keywords ?? [],
        trl: v.trl ?? null,
        quoteFen: wanToFen(v.quote) ?? null,
        achievementId: v.achievementId ?? null,
      });
      onDone(s);
    } catch (e) {
      setError(
        applyProblem(form, e, lang, ['title', 'summary', 'approach', 'keywords', 'trl', 'achievementId']),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={`${m('need.answer')} · ${needTitle}`}
      onOk={() => void submit()}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'solution-submit' } as ButtonProps}
      destroyOnHidden
    >
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="form-error" />
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="title" label={m('sol.title')} rules={[{ required: true, min: 4, max: 200 }]}>
          <Input data-testid="solution-title" />
        </Form.Item>
        <Form.Item
          name="summary"
          label={m('sol.summary')}
          extra={m('sol.summaryHelp')}
          rules={[{ required: true, min: 20, max: 5000 }]}
        >
          <Input.TextArea rows={4} showCount data-testid="solution-summary" />
        </Form.Item>
        <Form.Item name="approach" label={m('sol.approach')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="keywords" label={m('ach.keywords')}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} />
        </Form.Item>
        <Form.Item name="trl" label={m('lib.trl')}>
          <Select
            allowClear
            options={Object.entries(TRL_LABELS).map(([k, v]) => ({
              value: Number(k),
              label: `TRL ${k} · ${L(v)}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="quote" label={m('sol.quote')} rules={[wanRule(m('common.amountInvalid'))]}>
          <Input suffix={m('common.wan')} inputMode="decimal" data-testid="solution-quote" />
        </Form.Item>
        <Form.Item name="achievementId" label={m('sol.basedOn')}>
          <Select allowClear options={mine.map((a) => ({ value: a.id, label: a.title }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
