/** 指南编辑, tab JSON: the call document as text, saved as is. */
import { Button, Input, Space } from 'antd';
import { useP } from '../i18n.js';

export function JsonTab({
  json,
  onChange,
  editable,
  onSave,
  onError,
}: {
  json: string;
  onChange(json: string): void;
  editable: boolean;
  onSave(content: Record<string, unknown>): void;
  onError(e: Error): void;
}) {
  const { p } = useP();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.TextArea
        value={json}
        onChange={(e) => onChange(e.target.value)}
        autoSize={{ minRows: 20, maxRows: 40 }}
        style={{ fontFamily: 'monospace', fontSize: 12 }}
        data-testid="call-json"
      />
      {editable && (
        <Button
          type="primary"
          onClick={() => {
            try {
              onSave(JSON.parse(json));
            } catch (e) {
              onError(new Error(`${p('rules.invalidJson')}：${(e as Error).message}`));
            }
          }}
        >
          {p('editor.save')}
        </Button>
      )}
    </Space>
  );
}
