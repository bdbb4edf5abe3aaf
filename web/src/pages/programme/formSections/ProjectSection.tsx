/** Step 项目信息: the project, the applicant organisation (申报单位) and the project lead (项目负责人). */
import type { ReactNode } from 'react';
import { Card, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useP } from '../i18n.js';
import { wanRule } from '../../../components/wanRule.js';
import { emailRule, endAfterStartRule, idNumberRule, isRequired, phoneRule } from '../fieldRules.js';

export function ProjectSection({ leadSelect }: { leadSelect?: ReactNode }) {
  const { p, L } = useP();
  return (
    <>
      <Card type="inner" title={p('form.project')} style={{ marginBottom: 16 }}>
        <Form.Item name={['project', 'title']} label={p('f.title')} required={isRequired('project.title')}>
          <Input maxLength={200} showCount data-testid="f-project-title" />
        </Form.Item>
        <Form.Item name={['project', 'summary']} label={p('f.summary')}>
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name={['project', 'startDate']} label={p('f.startDate')}>
              <Input type="date" data-testid="f-start-date" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name={['project', 'endDate']}
              label={p('f.endDate')}
              dependencies={[['project', 'startDate']]}
              rules={[endAfterStartRule(L)]}
            >
              <Input type="date" data-testid="f-end-date" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['project', 'keywords']} label={p('f.keywords')}>
              <Select mode="tags" maxCount={10} open={false} />
            </Form.Item>
          </Col>
        </Row>
        {leadSelect}
      </Card>
      <Card type="inner" title={p('form.applicant')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name={['applicant', 'legalForm']}
              label={p('f.legalForm')}
              required={isRequired('applicant.legalForm')}
            >
              <Select
                data-testid="f-legal-form"
                allowClear
                options={[
                  { value: 'legalPerson', label: p('f.legalPerson') },
                  { value: 'unincorporated', label: p('f.unincorporated') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name={['applicant', 'prevYearRevenueFen']}
              label={p('f.prevYearRevenue')}
              rules={[wanRule(p('f.moneyBad'))]}
            >
              <Input inputMode="decimal" suffix="万元" data-testid="f-revenue" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={['applicant', 'contactName']} label={p('f.contactName')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name={['applicant', 'contactPhone']}
              label={p('f.contactPhone')}
              rules={[phoneRule('applicant.contactPhone', L)]}
            >
              <Input maxLength={30} inputMode="tel" data-testid="f-contact-phone" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card type="inner" title={p('form.lead')}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name={['lead', 'name']} label={p('f.leadName')}>
              <Input maxLength={100} data-testid="f-lead-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['lead', 'title']} label={p('f.leadTitle')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['lead', 'phone']} label={p('f.phone')} rules={[phoneRule('lead.phone', L)]}>
              <Input maxLength={30} inputMode="tel" data-testid="f-lead-phone" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={['lead', 'email']} label={p('f.email')} rules={[emailRule('lead.email', L)]}>
              <Input maxLength={200} inputMode="email" data-testid="f-lead-email" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name={['lead', 'idNumber']}
              label={p('f.idNumber')}
              rules={[idNumberRule('lead.idNumber', L)]}
            >
              <Input.Password maxLength={30} visibilityToggle autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={24}>
            {/* guide 2023 §二.7: judged on the larger of this and the commission's registry */}
            <Form.Item
              name={['lead', 'declaredOngoingProjects']}
              label={p('f.declaredOngoing')}
              required={isRequired('lead.declaredOngoingProjects')}
              extra={p('f.declaredOngoingHelp')}
            >
              <InputNumber min={0} max={99} precision={0} data-testid="f-lead-ongoing" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
    </>
  );
}
