/** A direction's required attachments: type code and label, one row each. */
import { Button, Col, Form, Input, Row } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useP } from '../i18n.js';

/** `name` is the direction's index in its topic's directions list. */
export function RequiredAttachmentsEditor({ name, disabled }: { name: number; disabled: boolean }) {
  const { p } = useP();
  return (
    <Form.List name={[name, 'requiredAttachments']}>
      {(atts, attOps) => (
        <>
          {atts.map((a) => (
            <Row gutter={8} key={a.key}>
              <Col span={6}>
                <Form.Item name={[a.name, 'type']}>
                  <Input placeholder={p('att.type')} style={{ fontFamily: 'monospace' }} />
                </Form.Item>
              </Col>
              <Col span={16}>
                <Form.Item name={[a.name, 'label']}>
                  <Input placeholder={p('att.label')} />
                </Form.Item>
              </Col>
              <Col span={2}>
                {!disabled && (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => attOps.remove(a.name)}
                  />
                )}
              </Col>
            </Row>
          ))}
          {!disabled && (
            <Button
              size="small"
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => attOps.add({ type: '', label: '' })}
            >
              {p('editor.addAttachment')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
