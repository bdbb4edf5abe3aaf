import type { Db } from './identity.repo.js';

/** The account for a 一网通办 subject: by stored subject, else by one verified, unlinked e-mail. */
export async function findOidcUser(db: Db, sub: string, verifiedEmail: string | undefined) {
  const bySub = await db.selectFrom('users').selectAll().where('ywtb_subject', '=', sub).executeTakeFirst();
  if (bySub) return { user: bySub, linkedBy: 'subject' as const, reason: '' };
  if (!verifiedEmail) return { user: undefined, linkedBy: null, reason: 'no_linked_account' };
  const byEmail = await db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', verifiedEmail.toLowerCase()))
    .where('ywtb_subject', 'is', null)
    .where('status', '=', 'active')
    .limit(2)
    .execute();
  if (byEmail.length !== 1) {
    return {
      user: undefined,
      linkedBy: null,
      reason: byEmail.length ? 'email_ambiguous' : 'no_account_for_email',
    };
  }
  return { user: byEmail[0], linkedBy: 'email' as const, reason: '' };
}

export async function linkYwtbSubject(db: Db, userId: string, sub: string, now: Date) {
  await db
    .updateTable('users')
    .set({ ywtb_subject: sub, updated_at: now })
    .where('id', '=', userId)
    .execute();
}
