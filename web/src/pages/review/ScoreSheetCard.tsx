/**
 * The round's score sheet as a form beside the application: a score and a comment per criterion (a
 * low score asks for its comment), the recommendation and the overall opinion, the weighted total,
 * and the buttons to save a draft and submit. The server's messages stand next to their fields until
 * the field is changed or the sheet saved.
 */
import { Alert, Button, Card, Form, Input, InputNumber, Radio, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import type { ReviewTaskDetail, ScoreEntry } from '../../api/review.js';
import { useR } from './i18n.js';

/** Takes the server's messages off the fields once answered (a later refusal sets them again). */
export function clearErrors(form: FormInstance<ScoreEntry>, only?: (string | number)[][]) {
  const names = only ?? form.getFieldsError().map((f) => f.name);
  form.setFields(names.map((name) => ({ name: name as never, errors: [] })));
}

export function ScoreSheetCard({
  task,
  form,
  canScore,
  busy,
  error,
  savedAt,
  onEdited,
  onSave,
  onSubmit,
}: {
  task: ReviewTaskDetail;
  form: FormInstance<ScoreEntry>;
  canScore: boolean;
  busy: boolean;
  error?: string;
  savedAt?: string;
  /** a value changed (the autosave picks it up) */
  onEdited(): void;
  onSave(): void;
  onSubmit(): void;
}) {
  const { r, L } = useR();
  const sheet = task.scoreSheet;
  const scores = Form.useWatch('scores', form) ?? {};
  const weightSum = sheet.criteria.reduce((s, c) => s + c.weight, 0);
  const total = sheet.criteria.reduce((s, c) => {
    const v = scores[c.key];
    return typeof v === 'number' ? s + (v / c.maxScore) * (c.weight / weightSum) * 100 : s;
  }, 0);
  return (
    <Card
      title={r('task.sheet')}
      extra={
        <Typography.Text strong data-testid="task-total">
          {r('task.total')} {total.toFixed(1)}
        </Typography.Text>
      }
      data-testid="score-sheet"
    >
      {!canScore && !task.submittedAt && (
        <Alert
          type="warning"
          showIcon
          message={task.actions.includes('accept') ? r('task.acceptFirst') : r('task.readOnly')}
          style={{ marginBottom: 12 }}
        />
      )}
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="sheet-error" />
      )}
      {sheet.commentRequiredBelow > 0 && (
        <Typography.Paragraph type="secondary">
          {r('task.commentBelow', { pct: sheet.commentRequiredBelow })}
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        disabled={!canScore || busy}
        onValuesChange={(changed: Partial<ScoreEntry>) => {
          onEdited();
          const names: (string | number)[][] = [];
          for (const [k, v] of Object.entries(changed))
            if (v && typeof v === 'object') for (const c of Object.keys(v)) names.push([k, c]);
            else names.push([k]);
          clearErrors(form, names);
        }}
      >
        {sheet.criteria.map((c) => {
          const v = scores[c.key];
          const low = typeof v === 'number' && v * 100 < sheet.commentRequiredBelow * c.maxScore;
          return (
            <div key={c.key} className="to-review-criterion" data-testid={`criterion-${c.key}`}>
              <Form.Item
                name={['scores', c.key]}
                label={`${L({ zh: c.label, en: c.labelEn })}（${r('task.maxScore', { max: c.maxScore })}）`}
                style={{ marginBottom: 8 }}
              >
                <InputNumber
                  min={0}
                  max={c.maxScore}
                  step={1}
                  style={{ width: 160 }}
                  data-testid={`score-${c.key}`}
                />
              </Form.Item>
              <Form.Item
                name={['comments', c.key]}
                label={r('task.comment')}
                extra={low ? r('task.commentNeeded') : undefined}
                required={low}
              >
                <Input.TextArea rows={2} maxLength={1000} data-testid={`comment-${c.key}`} />
              </Form.Item>
            </div>
          );
        })}
        <Form.Item name="recommendation" label={r('task.recommendation')} required>
          <Radio.Group data-testid="recommendation">
            {sheet.recommendations.map((o) => (
              <Radio key={o.key} value={o.key} data-testid={`recommendation-${o.key}`}>
                {L({ zh: o.label, en: o.labelEn })}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="overallComment" label={r('task.overall')} required={sheet.overallCommentRequired}>
          <Input.TextArea
            rows={4}
            maxLength={4000}
            placeholder={r('task.overallPh')}
            data-testid="overall-comment"
          />
        </Form.Item>
      </Form>
      {canScore && (
        <Space wrap>
          <Button icon={<SaveOutlined />} onClick={onSave} disabled={busy} data-testid="task-save">
            {r('task.saveDraft')}
          </Button>
          <Button
            type="primary"
            icon={<SendOutlined />}
            onClick={onSubmit}
            loading={busy}
            data-testid="task-submit"
          >
            {r('task.submit')}
          </Button>
          {savedAt && (
            <Typography.Text type="secondary" data-testid="task-autosaved">
              {r('task.autosaved', { at: savedAt })}
            </Typography.Text>
          )}
        </Space>
      )}
    </Card>
  );
}
