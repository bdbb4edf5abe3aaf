/** Step 回避专家 (excludedExperts): experts the applicant asks to keep off its review, with reasons. */
import { Button, Col, Form, Input, Row } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useP } from '../i18n.js';

export function AvoidanceSection() {
  const { p } = useP();
  return (
    <Form.List name="excludedExperts">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Row gutter={8} key={f.key}>
              <Col span={5}>
                <Form.Item name={[f.name, 'name']} label={p('f.leadName')}>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col span={7}>
                <Form.Item name={[f.name, 'employer']} label={p('f.employer')}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item name={[f.name, 'reason']} label={p('f.reason')}>
                  <Input maxLength={1000} />
                </Form.Item>
              </Col>
              <Col span={2} style={{ paddingTop: 30 }}>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
              </Col>
            </Row>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="add-expert">
            {p('f.addExpert')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
