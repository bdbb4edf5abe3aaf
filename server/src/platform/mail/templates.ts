import type { MailMessage } from './mailer.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface BilingualMail {
  to: string;
  titleZh: string;
  titleEn: string;
  /** Chinese text (shown first). */
  bodyZh: string;
  /** English text (shown below); defaults to none. */
  bodyEn?: string;
  /** Absolute link to open in the platform. */
  link?: string;
}

/** A message in zh-CN first with English below, as plain text and HTML. */
export function bilingualMail(m: BilingualMail): MailMessage {
  const subject = m.titleZh === m.titleEn ? m.titleZh : `${m.titleZh} / ${m.titleEn}`;
  const zh = [m.titleZh, '', m.bodyZh, m.link ? `\n查看详情：${m.link}` : ''].join('\n').trimEnd();
  const en = [m.titleEn, '', m.bodyEn ?? '', m.link ? `\nOpen: ${m.link}` : ''].join('\n').trimEnd();
  const footerZh = '此邮件由科转通平台自动发送，请勿直接回复。';
  const footerEn = 'Sent automatically by TransferOne; please do not reply.';
  const text = `${zh}\n\n----------------\n${en}\n\n${footerZh}\n${footerEn}\n`;
  const para = (s: string) =>
    s
      .split(/\n{2,}/)
      .filter(Boolean)
      .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
      .join('');
  const linkHtml = (label: string) => (m.link ? `<p><a href="${escapeHtml(m.link)}">${label}</a></p>` : '');
  const html =
    `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><body>` +
    `<h2>${escapeHtml(m.titleZh)}</h2>${para(m.bodyZh)}${linkHtml('查看详情')}` +
    `<hr><div lang="en"><h3>${escapeHtml(m.titleEn)}</h3>${para(m.bodyEn ?? '')}${linkHtml('Open')}</div>` +
    `<p style="color:#888;font-size:12px">${footerZh}<br>${footerEn}</p></body></html>`;
  return { to: m.to, subject, text, html };
}
