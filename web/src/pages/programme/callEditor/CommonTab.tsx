/** 指南编辑, tab 通用要求: eligibility rules for every direction, and the attachments every application needs. */
import { Form, List, Space, Tag, Typography } from 'antd';
import type { ImportProblem } from '../../../api/types.js';
import { useP } from '../i18n.js';
import { RulesPanel } from '../RulesPanel.js';
import { problemsUnder } from './problems.js';

export function CommonTab({ editable, problems }: { editable: boolean; problems: ImportProblem[] }) {
  const { p, pick } = useP();
  return (
    <>
      <Typography.Title level={5}>{p('rules.commonTitle')}</Typography.Title>
      <Form.Item name="commonEligibility" noStyle>
        <RulesPanel
          disabled={!editable}
          serverProblems={problemsUnder(problems, 'commonEligibility')}
          testId="rules-common"
        />
      </Form.Item>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {p('editor.attachments')}
      </Typography.Title>
      <Form.Item noStyle shouldUpdate>
        {(f) => (
          <List
            size="small"
            bordered
            dataSource={(f.getFieldValue('commonAttachments') ?? []) as any[]}
            renderItem={(a) => (
              <List.Item>
                <Space>
                  <Typography.Text code>{a.type}</Typography.Text>
                  {pick(a.label, a.labelEn)}
                  {a.when && (
                    <Tag>
                      {p('att.when')}：{pick(a.when.label, a.when.labelEn)}
                    </Tag>
                  )}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Form.Item>
    </>
  );
}
