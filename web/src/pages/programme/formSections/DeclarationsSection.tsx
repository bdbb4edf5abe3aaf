/** Step 诚信与伦理承诺: the technology-income claim and the integrity, secrecy and ethics commitments. */
import { Checkbox, Form } from 'antd';
import { useP } from '../i18n.js';

export function DeclarationsSection() {
  const { p } = useP();
  return (
    <>
      <Form.Item name="claimsTechIncome" valuePropName="checked">
        <Checkbox>{p('f.claimsTechIncome')}</Checkbox>
      </Form.Item>
      <Form.Item name={['declarations', 'integrityCommitment']} valuePropName="checked" required>
        <Checkbox data-testid="f-integrity">{p('f.integrity')}</Checkbox>
      </Form.Item>
      <Form.Item name={['declarations', 'noClassifiedContent']} valuePropName="checked" required>
        <Checkbox data-testid="f-no-classified">{p('f.noClassified')}</Checkbox>
      </Form.Item>
      <Form.Item name={['declarations', 'ethicsCommitment']} valuePropName="checked">
        <Checkbox data-testid="f-ethics">{p('f.ethics')}</Checkbox>
      </Form.Item>
    </>
  );
}
