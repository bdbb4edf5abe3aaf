/**
 * 申报回执: number, server receive time (北京时间) and the SHA-256 of the submitted package, as a
 * sheet to print (only the sheet reaches the paper: styles.css @media print) or download as Word.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Result, Skeleton, Space } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
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
  const [downloadError, setDownloadError] = useState<unknown>();
  useEffect(() => {
    applicationsApi.receipt(id).then(setReceipt, (e) => {
      setError(e);
      setReceipt(null);
    });
  }, [id]);
  if (receipt === undefined) return <Skeleton active />;
  if (receipt === null)
    return <Result status="warning" title={p('receipt.title')} subTitle={problemText(error, lang)} />;
  const rows: [string, ReactNode, string][] = [
    [p('receipt.number'), receipt.number, 'receipt-number'],
    [
      p('receipt.at'),
      lang === 'en' ? `${receipt.submittedAt} (Beijing time)` : receipt.submittedAtText,
      'receipt-at',
    ],
    [p('receipt.call'), `${receipt.callNumber} ${receipt.callTitle}`, 'receipt-call'],
    [p('receipt.direction'), receipt.directionTitle, 'receipt-direction'],
    [p('receipt.org'), receipt.orgName, 'receipt-org'],
    [p('receipt.project'), receipt.projectTitle ?? p('receipt.none'), 'receipt-project'],
  ];
  return (
    <div data-testid="page-receipt">
      <Result
        className="no-print"
        status="success"
        title={p('receipt.title')}
        subTitle={<span data-testid="receipt-sub">{p('receipt.sub', { n: receipt.number })}</span>}
        extra={
          <Space wrap style={{ justifyContent: 'center' }}>
            <Button
              type="primary"
              icon={<PrinterOutlined />}
              onClick={() => window.print()}
              data-testid="receipt-print"
            >
              {p('receipt.print')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              data-testid="receipt-docx"
              onClick={() => {
                setDownloadError(undefined);
                applicationsApi.receiptDocx(id).catch(setDownloadError);
              }}
            >
              {p('receipt.docx')}
            </Button>
            <Button onClick={() => nav(`/programme/applications/${id}`)}>{p('receipt.view')}</Button>
            <Button onClick={() => nav('/programme/applications')}>{p('receipt.back')}</Button>
          </Space>
        }
      />
      {downloadError !== undefined && (
        <Alert className="no-print" type="error" showIcon message={problemText(downloadError, lang)} />
      )}
      <section className="to-print-sheet" data-testid="receipt-sheet">
        <h1>{p('receipt.paper')}</h1>
        <table>
          <tbody>
            {rows.map(([label, value, testId]) => (
              <tr key={testId}>
                <th scope="row">{label}</th>
                <td data-testid={testId}>{value}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{p('receipt.sha')}</th>
              <td className="to-print-sha" data-testid="receipt-sha">
                {receipt.sha256}
              </td>
            </tr>
          </tbody>
        </table>
        <p className="to-print-note">{p('receipt.note')}</p>
        <div className="to-print-stamp">
          <div>{p('receipt.stamp')}</div>
        </div>
      </section>
    </div>
  );
}
