import type { AppContext } from './context.js';

/**
 * Events a module announces and other modules react to, so that the announcer need not import
 * them (module boundaries: the module graph has no cycle). A module declares its events by
 * interface merging, in its own `*.events.ts`:
 *
 *   declare module '../../platform/events.js' {
 *     interface PlatformEvents { 'market.changed': MarketChanges }
 *   }
 *
 * Handlers are per context (one app, one test) and run in registration order; `emit` waits for
 * them all, so a caller that emits after its transaction commits sees their effects.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PlatformEvents {}

export type EventName = keyof PlatformEvents;
export type EventHandler<K extends EventName> = (payload: PlatformEvents[K]) => Promise<void> | void;

const handlers = new WeakMap<AppContext, Map<EventName, Array<EventHandler<never>>>>();

/** Subscribes to an event on this context; returns what unsubscribes. */
export function onEvent<K extends EventName>(ctx: AppContext, name: K, handler: EventHandler<K>): () => void {
  let byName = handlers.get(ctx);
  if (!byName) handlers.set(ctx, (byName = new Map()));
  const list = byName.get(name) ?? [];
  list.push(handler as EventHandler<never>);
  byName.set(name, list);
  return () => {
    const i = list.indexOf(handler as EventHandler<never>);
    if (i >= 0) list.splice(i, 1);
  };
}

/** Runs every handler of the event on this context, one after another. */
export async function emitEvent<K extends EventName>(
  ctx: AppContext,
  name: K,
  payload: PlatformEvents[K],
): Promise<void> {
  const list = handlers.get(ctx)?.get(name) ?? [];
  for (const h of [...list]) await (h as EventHandler<K>)(payload);
}
