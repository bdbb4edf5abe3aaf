/** 申报回执: number, server receive time (+08:00) and the SHA-256 of the submitted package. */
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Result, Skeleton, Typography } from 'antd';
import { applicationsApi } from '../../api/programme.js';
import type { Receipt } from '../../api/types.js';
import { problemText } from '../../components/problem.js';
import { useP } from './i18n.js';

export function ReceiptPage() {
  const { id = '' } = useParams();
  const { p, lang } = useP();
  const nav = useNavigate();
  const [receipt, setReceipt] = useState<Receipt | null>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    applicationsApi.receipt(id).then(setReceipt, (e) => {
      setError(e);
      setReceipt(null);
    });
  }, [id]);
  if (receipt === undefined) return <Skeleton active />;
  if (receipt === null)
    return <Result status="warning" title={p('receipt.title')} subTitle={problemText(error, lang)} />;
  return (
    <Card variant="borderless" data-testid="page-receipt">
      <Result
        status="success"
        title={p('receipt.title')}
        subTitle={<span data-testid="receipt-sub">{p('receipt.sub', { n: receipt.number })}</span>}
        extra={[
          <Button type="primary" key="view" onClick={() => nav(`/programme/applications/${id}`)}>
            {p('receipt.view')}
          </Button>,
          <Button key="back" onClick={() => nav('/programme/applications')}>
            {p('receipt.back')}
          </Button>,
        ]}
      >
        <Descriptions bordered column={1} size="middle" style={{ maxWidth: 820, margin: '0 auto' }}>
          <Descriptions.Item label={p('receipt.number')}>
            <Typography.Text strong copyable data-testid="receipt-number">
              {receipt.number}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={p('receipt.at')}>
            <span data-testid="receipt-at">{receipt.submittedAt}</span>
          </Descriptions.Item>
          <Descriptions.Item label={p('receipt.sha')}>
            <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="receipt-sha">
              {receipt.sha256}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={p('receipt.call')}>{receipt.callNumber}</Descriptions.Item>
          <Descriptions.Item label={p('receipt.direction')}>{receipt.directionCode}</Descriptions.Item>
        </Descriptions>
      </Result>
    </Card>
  );
}
