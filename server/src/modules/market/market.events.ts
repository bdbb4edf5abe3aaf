import type { AppContext } from '../../platform/context.js';
import { emitEvent } from '../../platform/events.js';

/** Ids of market records whose searchable content changed (committed), by collection. */
export type MarketChanges = Partial<
  Record<'achievement' | 'need' | 'solution' | 'expert' | 'institution', readonly string[]>
>;

declare module '../../platform/events.js' {
  interface PlatformEvents {
    /** Emitted after the transaction that changed the records commits; matching refreshes its index. */
    'market.changed': MarketChanges;
  }
}

/** Announce committed changes (call after the transaction commits). */
export function marketChanged(ctx: AppContext, changes: MarketChanges): Promise<void> {
  return emitEvent(ctx, 'market.changed', changes);
}
