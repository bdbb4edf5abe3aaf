/** Step 团队与技术经理人: the technology managers (techManager) and the other team members. */
import { Button, Col, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useP } from '../i18n.js';
import { TextRowList } from './TextRowList.js';

export function TeamSection() {
  const { p } = useP();
  return (
    <>
      <Typography.Title level={5}>{p('f.techManagers')}</Typography.Title>
      <Form.List name={['team', 'techManagers']}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Row gutter={8} key={f.key} align="middle">
                <Col span={6}>
                  <Form.Item name={[f.name, 'name']} label={p('f.leadName')}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[f.name, 'role']} label={p('f.tmRole')} initialValue="core">
                    <Select
                      options={[
                        { value: 'lead', label: p('f.tmLead') },
                        { value: 'core', label: p('f.tmCore') },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name={[f.name, 'yearsFullTime']} label={p('f.years')}>
                    <InputNumber min={0} max={60} step={0.5} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item
                    name={[f.name, 'isProjectLead']}
                    label={p('f.isLead')}
                    valuePropName="checked"
                    initialValue={false}
                  >
                    <Switch />
                  </Form.Item>
                </Col>
                <Col span={2}>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                </Col>
              </Row>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ role: 'core', isProjectLead: false })}
              data-testid="add-tech-manager"
            >
              {p('f.addTechManager')}
            </Button>
          </>
        )}
      </Form.List>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {p('f.members')}
      </Typography.Title>
      <TextRowList
        name={['team', 'members']}
        columns={[
          { field: 'name', label: 'f.leadName', span: 5, maxLength: 100 },
          { field: 'role', label: 'f.role', span: 5, maxLength: 100 },
          { field: 'title', label: 'f.leadTitle', span: 5, maxLength: 100 },
          { field: 'employer', label: 'f.employer', span: 7, maxLength: 200 },
        ]}
        addLabel="f.addMember"
      />
    </>
  );
}
