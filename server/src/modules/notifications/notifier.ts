import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import { bilingualMail } from '../../platform/mail/templates.js';
import type { NotificationInput, NotificationSender } from '../../platform/notify.js';
import { emailsOf, insertNotifications } from './notifications.repo.js';

export type { NotificationInput };

/**
 * In-app notifications (站内通知). `notify` writes in the caller's transaction, so a notification
 * exists exactly when the change that caused it commits; with `email` the message is queued in the
 * mail outbox in the same transaction.
 */
export class Notifier implements NotificationSender {
  constructor(
    private readonly mailer: Mailer | undefined,
    private readonly baseUrl: string,
  ) {}

  async notify(trx: Kysely<DB>, userIds: string[], n: NotificationInput): Promise<string[]> {
    const unique = [...new Set(userIds)];
    const ids = await insertNotifications(
      trx,
      unique.map((user_id) => ({
        user_id,
        kind: n.kind,
        title_zh: n.titleZh,
        title_en: n.titleEn,
        body: n.body,
        body_en: n.bodyEn ?? null,
        link: n.link ?? null,
        read_at: null,
      })),
    );
    if (n.email && this.mailer && unique.length) {
      const link = n.link ? new URL(n.link, this.baseUrl).toString() : undefined;
      const recipients = await emailsOf(trx, unique);
      await this.mailer.enqueue(
        trx,
        recipients
          .filter((r) => r.email)
          .map((r) =>
            bilingualMail({
              to: r.email,
              titleZh: n.titleZh,
              titleEn: n.titleEn,
              bodyZh: n.body,
              bodyEn: n.bodyEn,
              link,
            }),
          ),
      );
    }
    return ids;
  }
}
