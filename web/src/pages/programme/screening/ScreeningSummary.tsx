/** 形式审查 totals: all, pass, fail, incomplete, unscreened, overridden and flagged applications of the call. */
import { Card, Col, Row, Statistic } from 'antd';
import type { ScreeningList } from '../../../api/types.js';
import { useP } from '../i18n.js';

export function ScreeningSummary({ summary }: { summary: ScreeningList['summary'] }) {
  const { p } = useP();
  return (
    <Row gutter={16} style={{ marginBottom: 16 }}>
      {(
        [
          ['total', p('screen.total'), undefined],
          ['pass', p('result.pass'), '#52c41a'],
          ['fail', p('result.fail'), '#ff4d4f'],
          ['incomplete', p('result.incomplete'), '#faad14'],
          ['unscreened', p('screen.unscreened'), '#8c8c8c'],
          ['overridden', p('screen.overridden'), '#722ed1'],
          ['flagged', p('screen.flagged'), '#fa8c16'],
        ] as const
      ).map(([k, label, color]) => (
        <Col flex="1 1 0" key={k}>
          <Card variant="borderless" size="small">
            <Statistic
              title={label}
              value={summary[k]}
              valueStyle={color ? { color } : undefined}
              data-testid={`screen-sum-${k}`}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
