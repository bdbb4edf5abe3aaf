/** A form list of rows of short text fields with a delete button each and an add button below. */
import { Button, Col, Form, Input, Row } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useP, type PKey } from '../i18n.js';

export interface TextColumn {
  field: string;
  label: PKey;
  span: number;
  maxLength: number;
}

export function TextRowList(props: {
  name: string | string[];
  columns: TextColumn[];
  addLabel: PKey;
  addTestId?: string;
}) {
  const { p } = useP();
  return (
    <Form.List name={props.name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Row gutter={8} key={f.key}>
              {props.columns.map((c) => (
                <Col span={c.span} key={c.field}>
                  <Form.Item name={[f.name, c.field]} label={p(c.label)}>
                    <Input maxLength={c.maxLength} />
                  </Form.Item>
                </Col>
              ))}
              <Col span={2} style={{ paddingTop: 30 }}>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
              </Col>
            </Row>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid={props.addTestId}>
            {p(props.addLabel)}
          </Button>
        </>
      )}
    </Form.List>
  );
}
