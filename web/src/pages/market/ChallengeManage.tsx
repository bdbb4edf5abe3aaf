import { useState } from 'react';
import { App, Button, Space, type ButtonProps } from 'antd';
import { marketApi } from '../../api/market.js';
import type { Challenge, ChallengeAction } from '../../api/types.js';
import { problemText } from '../../components/problem.js';
import { ExpertsDialog, NeedsDialog, PublishDialog } from './ChallengeDialogs.js';
import { NextRoundDialog, WinnersDialog } from './ChallengeRoundDialogs.js';
import { useMt, type MarketKey } from './i18n.js';

type Dialog = 'needs' | 'experts' | 'nextRound' | 'winners' | 'publishResults' | null;

/** The lifecycle as the server defines it (challenge.rules.ts): which step each status offers. */
const NEXT: Record<Challenge['status'], ChallengeAction[]> = {
  draft: ['open'],
  open: ['startScreening'],
  screening: ['nextRound', 'close'],
  closed: ['publishResults'],
  resultsPublished: [],
};

/** Staff tools for one challenge: needs, experts, the lifecycle steps, promotions, winners, publication. */
export function ChallengeManage({
  challenge: c,
  onChanged,
}: {
  challenge: Challenge;
  onChanged(c: Challenge): void;
}) {
  const { m, lang } = useMt();
  const { message, modal } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const done = (x: Challenge) => {
    setDialog(null);
    onChanged(x);
  };
  const step = (a: ChallengeAction) => {
    if (a === 'nextRound' || a === 'publishResults') return setDialog(a);
    const label = m(`ch.action.${a}` as MarketKey);
    modal.confirm({
      title: m('ch.confirmAction', { action: label }),
      okText: label,
      okButtonProps: { 'data-testid': 'challenge-confirm' } as ButtonProps,
      onOk: () =>
        marketApi
          .challengeAction(c.id, a)
          .then((x) => {
            message.success(m('ach.done'));
            onChanged(x);
          })
          .catch((e) => {
            message.error(problemText(e, lang));
          }),
    });
  };
  const editable = c.status !== 'closed' && c.status !== 'resultsPublished';

  return (
    <>
      <Space wrap>
        {editable && (
          <Button onClick={() => setDialog('needs')} data-testid="challenge-attach-needs">
            {m('ch.attachNeeds')}
          </Button>
        )}
        {c.status !== 'resultsPublished' && (
          <Button onClick={() => setDialog('experts')} data-testid="challenge-assign-experts">
            {m('ch.experts')}
          </Button>
        )}
        {c.status === 'closed' && (
          <Button onClick={() => setDialog('winners')} data-testid="challenge-set-winners">
            {m('ch.setWinners')}
          </Button>
        )}
        {NEXT[c.status]
          .filter((a) => a !== 'nextRound' || c.currentRound < c.rounds)
          .map((a) => (
            <Button
              key={a}
              type={a === 'close' ? 'default' : 'primary'}
              onClick={() => step(a)}
              data-testid={`challenge-${a}`}
            >
              {m(`ch.action.${a}` as MarketKey)}
            </Button>
          ))}
      </Space>

      {dialog === 'needs' && <NeedsDialog challenge={c} onDone={done} onCancel={close} />}
      {dialog === 'experts' && <ExpertsDialog challenge={c} onDone={done} onCancel={close} />}
      {dialog === 'nextRound' && <NextRoundDialog challenge={c} onDone={done} onCancel={close} />}
      {dialog === 'winners' && <WinnersDialog challenge={c} onDone={done} onCancel={close} />}
      {dialog === 'publishResults' && <PublishDialog challenge={c} onDone={done} onCancel={close} />}
    </>
  );
}
