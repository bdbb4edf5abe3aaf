import { createContext, useContext, type ReactNode } from 'react';
import { Button, Tag, Tooltip, type ButtonProps } from 'antd';
import type { Denial, Label } from '../../api/types.js';
import { useI18n } from '../../i18n/index.js';
import { STATUS_COLORS } from './labels.js';

/** Where the market's links point: the public site (/open) or the signed-in workspace (/market). */
export const MarketBase = createContext<'/open' | '/market'>('/market');
export const useMarketBase = () => useContext(MarketBase);

/**
 * Text the search engine marked up: the server HTML-escapes everything and adds only <mark>, so it is
 * safe to render as HTML.
 */
export function Marked({ html, fallback }: { html?: string; fallback?: string }) {
  if (!html) return <>{fallback ?? ''}</>;
  return <span className="to-marked" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function StatusTag({ status, label }: { status: string; label: Label | null | undefined }) {
  const { pick } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid={`status-${status}`}>
      {label ? pick(label.zh, label.en) : status}
    </Tag>
  );
}

export function TermTags({ terms, color = 'blue' }: { terms: string[]; color?: string }) {
  return (
    <>
      {terms.map((t) => (
        <Tag key={t} color={color} bordered={false} style={{ marginBottom: 4 }}>
          {t}
        </Tag>
      ))}
    </>
  );
}

/**
 * A workflow button: enabled when the server lists the action in `actions`, otherwise disabled with the
 * server's reason (from `denials`) as its tooltip; hidden when the server says nothing about it.
 */
export function ActionButton({
  action,
  actions,
  denials = [],
  children,
  ...rest
}: {
  action: string;
  actions: string[];
  denials?: Denial[];
  children: ReactNode;
} & Omit<ButtonProps, 'children'>) {
  const { pick } = useI18n();
  const allowed = actions.includes(action);
  const denial = denials.find((d) => d.action === action);
  if (!allowed && !denial) return null;
  const btn = (
    <Button {...rest} disabled={!allowed || rest.disabled} data-testid={`action-${action}`}>
      {children}
    </Button>
  );
  return denial && !allowed ? (
    <Tooltip title={pick(denial.zh, denial.en)}>
      <span>{btn}</span>
    </Tooltip>
  ) : (
    btn
  );
}
