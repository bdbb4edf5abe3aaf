/** Topics and their directions in the call editor: goal, scope, KPIs, period, funding (万元), attachments, rules. */
import { Button, Card, Collapse, Form, Input, Space, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ImportProblem } from '../../api/types.js';
import { problemsUnder } from './callEditor/problems.js';
import { DirectionFields } from './directions/DirectionFields.js';
import { useP } from './i18n.js';

const EMPTY_DIRECTION = {
  code: '',
  title: '',
  goal: '',
  scope: '',
  kpis: [],
  executionPeriod: { start: '', end: '' },
  fundingRules: { mode: 'nonFixed' },
  eligibility: [],
  requiredAttachments: [],
  needsDistrictRecommendation: false,
};

export function DirectionsEditor({ disabled, problems }: { disabled: boolean; problems: ImportProblem[] }) {
  const { p } = useP();
  const form = Form.useFormInstance();

  return (
    <Form.List name="topics">
      {(topics, topicOps) => (
        <>
          {topics.map((t) => (
            <Card
              key={t.key}
              style={{ marginBottom: 16 }}
              title={
                <Space>
                  <Tag color="geekblue">{p('editor.topic')}</Tag>
                  <Form.Item name={[t.name, 'code']} noStyle>
                    <Input style={{ width: 80 }} placeholder={p('editor.code')} />
                  </Form.Item>
                  <Form.Item name={[t.name, 'title']} noStyle>
                    <Input style={{ width: 420 }} placeholder={p('editor.topic')} />
                  </Form.Item>
                </Space>
              }
              extra={
                !disabled && (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => topicOps.remove(t.name)}
                  />
                )
              }
            >
              <Form.List name={[t.name, 'directions']}>
                {(dirs, dirOps) => (
                  <>
                    <Collapse
                      items={dirs.map((d) => {
                        const path = ['topics', t.name, 'directions', d.name];
                        const code = form.getFieldValue([...path, 'code']);
                        return {
                          key: String(d.key),
                          forceRender: true,
                          label: (
                            <Space>
                              <Tag color="blue">
                                {p('editor.direction')} {code}
                              </Tag>
                              {form.getFieldValue([...path, 'title'])}
                              {form.getFieldValue([...path, 'needsDistrictRecommendation']) && (
                                <Tag color="purple">{p('public.district')}</Tag>
                              )}
                            </Space>
                          ),
                          extra: !disabled && (
                            <Button
                              size="small"
                              type="text"
                              danger
                              icon={<DeleteOutlined />}
                              onClick={() => dirOps.remove(d.name)}
                            />
                          ),
                          children: (
                            <DirectionFields
                              name={d.name}
                              code={code}
                              disabled={disabled}
                              eligibilityProblems={problemsUnder(
                                problems,
                                `topics.${t.name}.directions.${d.name}.eligibility`,
                              )}
                            />
                          ),
                        };
                      })}
                    />
                    {!disabled && (
                      <Button
                        type="dashed"
                        icon={<PlusOutlined />}
                        style={{ marginTop: 12 }}
                        onClick={() => dirOps.add(EMPTY_DIRECTION)}
                      >
                        {p('editor.addDirection')}
                      </Button>
                    )}
                  </>
                )}
              </Form.List>
            </Card>
          ))}
          {!disabled && (
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              onClick={() => topicOps.add({ code: `T${topics.length + 1}`, title: '', directions: [] })}
            >
              {p('editor.addTopic')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
