/** Step 可行性方案 (feasibilityPlan): titled text sections, added and removed freely. */
import { Button, Card, Form, Input } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useP } from '../i18n.js';

export function FeasibilitySection() {
  const { p } = useP();
  return (
    <Form.List name={['feasibilityPlan', 'sections']}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => (
            <Card
              key={f.key}
              type="inner"
              size="small"
              style={{ marginBottom: 12 }}
              title={`${p('f.section')} ${i + 1}`}
              extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} />}
            >
              <Form.Item name={[f.name, 'key']} hidden initialValue={`s${i + 1}`}>
                <Input />
              </Form.Item>
              <Form.Item name={[f.name, 'title']} label={p('f.sectionTitle')}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name={[f.name, 'text']} label={p('f.sectionText')}>
                <Input.TextArea rows={6} maxLength={50000} showCount />
              </Form.Item>
            </Card>
          ))}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            onClick={() => add({ key: `s${Date.now().toString(36)}`, title: '', text: '' })}
          >
            {p('f.addSection')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
