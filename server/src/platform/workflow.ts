/**
 * One shape for every lifecycle (issue 9): a workflow is data — its states and its transitions
 * `{ action, from, to, permission, roles, guard, label }` — and three questions are asked of it:
 *
 *   decide(actor, object, action)   → Decision { allowed } | { allowed: false, code, zh, en }
 *   available(actor, object)        → { actions[], denials[] } for the UI's buttons and their tooltips
 *   transition(status, action, obj) → the transition a service applies (its `to`)
 *
 * The order of a decision is fixed: the state first (`invalid_state`), then the permission and roles
 * (`forbidden`), then the guard (object-level rules: ownership, self-review, a round limit; its own
 * reason code). Services enforce a decision through platform/enforce.ts, which audits every refusal.
 * Every workflow is registered by name; workflow.registry.test.ts walks them all.
 */
import { ALLOW, deny, type Decision, type Refused } from './decision.js';
import { AUTHENTICATED, actorHas, permissionDef, type PermissionName } from './permissions.js';
import { ROLES, type Role } from './roles.js';

export interface Label {
  zh: string;
  en: string;
}
export interface StateDef extends Label {
  /** no transition leaves it (checked by the registry test) */
  terminal?: boolean;
  /**
   * Entered outside this workflow's transitions (an import of historical records, a later programme's
   * decision): what enters it, e.g. 'programme II award'. The registry test counts such a state as
   * reachable; everything else about it is checked as usual.
   */
  reachedBy?: string;
}
/** What a workflow needs to know about who acts (an Actor, or a policy's `Who`). */
export interface WorkflowActor {
  userId: string;
  orgId: string;
  roles: readonly Role[];
}
/** The codes every workflow may refuse with; a guard adds its own (registered with defineRefusals). */
export type BaseRefusal = 'invalid_state' | 'forbidden';

export interface TransitionDef<S extends string, A extends string, O, X, C extends string> {
  action: A;
  from: S | readonly S[];
  /** the state after; omitted for an action that leaves the state as it is (edit, answer, score) */
  to?: S;
  /** a permission name of the registry (platform/permissions.ts), or `authenticated` */
  permission: PermissionName | typeof AUTHENTICATED;
  /** one of these roles besides the permission, when the transition is narrower than it */
  roles?: readonly Role[];
  /** a branch, not a refusal: the transition applies only to objects for which it is true */
  when?: (obj: O) => boolean;
  /** object-level rule (ownership, self-review, a limit): pure, no I/O */
  guard?: (actor: X, obj: O) => Decision<BaseRefusal | C>;
  label: Label;
  /** the refusal when the object is in none of `from` (default: “<noun> is <state>”) */
  stateDenial?: Label;
  /** the refusal when the actor lacks the permission or roles (default: names them) */
  whoDenial?: Label;
}

export interface WorkflowDef<S extends string, A extends string, O, X, C extends string> {
  name: string;
  /** what the object is called in refusals: { zh: '成果', en: 'achievement' } */
  noun: Label;
  states: Record<S, StateDef>;
  /** where an object starts (reachability is judged from here) */
  initial: S | readonly S[];
  transitions: ReadonlyArray<TransitionDef<S, A, O, X, C>>;
  /** false only for a workflow built to test the checks themselves */
  register?: boolean;
}

export interface Denial<A extends string = string> {
  action: A;
  code: string;
  zh: string;
  en: string;
}

export interface Workflow<
  S extends string = string,
  A extends string = string,
  O extends { status: S } = { status: S },
  X extends WorkflowActor = WorkflowActor,
  C extends string = string,
> {
  readonly name: string;
  readonly noun: Label;
  readonly states: Record<S, StateDef>;
  /** the state names as typed constants: `wf.state.published === 'published'` */
  readonly state: { readonly [K in S]: K };
  readonly stateNames: [S, ...S[]];
  readonly actionNames: [A, ...A[]];
  readonly initial: readonly S[];
  readonly transitions: ReadonlyArray<TransitionDef<S, A, O, X, C>>;
  /** transitions defined from a state (those whose `when` holds for obj, when given) */
  from(status: S, obj?: O): Array<TransitionDef<S, A, O, X, C>>;
  /** the transition `action` takes from obj's state, if any */
  transition(obj: O, action: A): TransitionDef<S, A, O, X, C> | undefined;
  decide(actor: X | null, obj: O, action: A): Decision<BaseRefusal | C>;
  available(actor: X | null, obj: O): { actions: A[]; denials: Array<Denial<A>> };
  /** the refusal for `action` in a state it does not leave from */
  stateRefusal(status: S, action: A): Refused<'invalid_state'>;
  /** the refusal for an actor without the transition's permission or roles */
  permissionRefusal(t: TransitionDef<S, A, O, X, C>): Refused<'forbidden'>;
}

const registry = new Map<string, Workflow<any, any, any, any, any>>();

const fromList = <S extends string>(f: S | readonly S[]): readonly S[] =>
  typeof f === 'string' ? [f] : (f as readonly S[]);

/**
 * Defines and registers a workflow. Curried so the object and actor types are given and the states,
 * actions and guard codes are inferred: `defineWorkflow<AchievementRef, Who, 'self_review'>()({ … })`.
 */
export function defineWorkflow<
  O extends { status: string },
  X extends WorkflowActor = WorkflowActor,
  C extends string = never,
>() {
  return <const A extends string>(
    def: WorkflowDef<O['status'], A, O, X, C>,
  ): Workflow<O['status'], A, O, X, C> => build<O['status'], A, O, X, C>(def);
}

function build<
  S extends string,
  A extends string,
  O extends { status: S },
  X extends WorkflowActor,
  C extends string,
>(def: WorkflowDef<S, A, O, X, C>): Workflow<S, A, O, X, C> {
  if (def.register !== false && registry.has(def.name)) throw new Error(`workflow ${def.name} defined twice`);
  const stateNames = Object.keys(def.states) as S[];
  for (const s of fromList(def.initial))
    if (!(s in def.states)) throw new Error(`workflow ${def.name}: unknown initial state ${s}`);
  for (const t of def.transitions)
    for (const s of [...fromList(t.from), ...(t.to ? [t.to] : [])])
      if (!(s in def.states)) throw new Error(`workflow ${def.name}: ${t.action} names unknown state ${s}`);
  const actionNames = [...new Set(def.transitions.map((t) => t.action))];

  const from = (status: S, obj?: O) =>
    def.transitions.filter((t) => fromList(t.from).includes(status) && (!obj || !t.when || t.when(obj)));

  const stateRefusal = (status: S, action: A): Refused<'invalid_state'> => {
    const custom = def.transitions.find((t) => t.action === action && t.stateDenial)?.stateDenial;
    const st = def.states[status];
    return deny(
      custom?.zh ?? `${def.noun.zh}处于“${st.zh}”状态，不能执行此操作`,
      custom?.en ?? `Not allowed while the ${def.noun.en} is ${st.en.toLowerCase()}`,
      'invalid_state',
    );
  };

  const permissionRefusal = (t: TransitionDef<S, A, O, X, C>): Refused<'forbidden'> => {
    if (t.whoDenial) return deny(t.whoDenial.zh, t.whoDenial.en, 'forbidden');
    if (t.roles?.length) {
      const zh = t.roles.map((r) => ROLES[r]?.zh ?? r).join('或');
      const en = t.roles.map((r) => (ROLES[r]?.en ?? r).toLowerCase()).join(' or ');
      return deny(
        `只有${zh}可以“${t.label.zh}”`,
        `Only a ${en} can ${t.label.en.toLowerCase()}`,
        'forbidden',
      );
    }
    const p = permissionDef(t.permission);
    return deny(
      `您没有“${p?.zh ?? t.permission}”的权限`,
      `You do not have the permission “${p?.en ?? t.permission}”`,
      'forbidden',
    );
  };

  const holds = (actor: X | null, t: TransitionDef<S, A, O, X, C>) => {
    if (!actor) return false;
    if (t.permission !== AUTHENTICATED && !actorHas(actor, t.permission)) return false;
    return !t.roles?.length || actor.roles.some((r) => t.roles!.includes(r));
  };

  const transition = (obj: O, action: A) => from(obj.status, obj).find((t) => t.action === action);

  const decide = (actor: X | null, obj: O, action: A): Decision<BaseRefusal | C> => {
    const t = transition(obj, action);
    if (!t) return stateRefusal(obj.status, action);
    if (!holds(actor, t)) return permissionRefusal(t);
    return t.guard ? t.guard(actor!, obj) : ALLOW;
  };

  const available = (actor: X | null, obj: O) => {
    const actions: A[] = [];
    const denials: Array<Denial<A>> = [];
    for (const action of [...new Set(from(obj.status, obj).map((t) => t.action))]) {
      const d = decide(actor, obj, action);
      if (d.allowed) actions.push(action);
      else denials.push({ action, code: d.code, zh: d.zh, en: d.en });
    }
    return { actions, denials };
  };

  const wf: Workflow<S, A, O, X, C> = {
    name: def.name,
    noun: def.noun,
    states: def.states,
    state: Object.fromEntries(stateNames.map((s) => [s, s])) as { readonly [K in S]: K },
    stateNames: stateNames as [S, ...S[]],
    actionNames: actionNames as [A, ...A[]],
    initial: fromList(def.initial),
    transitions: def.transitions,
    from,
    transition,
    decide,
    available,
    stateRefusal,
    permissionRefusal,
  };
  if (def.register !== false) registry.set(def.name, wf);
  return wf;
}

/** decide(actor, object, action) of a workflow, as a free function. */
export function decide<
  S extends string,
  A extends string,
  O extends { status: S },
  X extends WorkflowActor,
  C extends string,
>(wf: Workflow<S, A, O, X, C>, actor: X | null, obj: O, action: A): Decision<BaseRefusal | C> {
  return wf.decide(actor, obj, action);
}

/** The UI's `actions[]` and `denials[]` for an object, as a free function. */
export function availableActions<
  S extends string,
  A extends string,
  O extends { status: S },
  X extends WorkflowActor,
  C extends string,
>(wf: Workflow<S, A, O, X, C>, actor: X | null, obj: O) {
  return wf.available(actor, obj);
}

/** Every workflow defined so far (the modules that define them must be imported). */
export function allWorkflows(): Workflow<any, any, any, any, any>[] {
  return [...registry.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * What is wrong with a workflow's shape, as sentences (empty when nothing): a permission or role that
 * does not exist or that no role holds, a state no path reaches, a non-terminal state without a way out,
 * a terminal state with one, a label or refusal without zh or en text.
 */
export function workflowProblems(wf: Workflow<any, any, any, any, any>): string[] {
  const out: string[] = [];
  const n = wf.name;
  const text = (l: Label | undefined, where: string) => {
    if (!l?.zh?.trim() || !l?.en?.trim()) out.push(`${n}: ${where} lacks zh or en text`);
  };
  for (const [s, def] of Object.entries(wf.states) as Array<[string, StateDef]>) text(def, `state ${s}`);
  for (const t of wf.transitions) {
    const at = `${t.action} from ${fromList(t.from).join('|')}`;
    text(t.label, `the label of ${at}`);
    if (t.permission !== AUTHENTICATED) {
      const p = permissionDef(t.permission);
      if (!p) out.push(`${n}: ${at} names the unknown permission ${t.permission}`);
      else if (t.roles?.length && !t.roles.some((r) => p.roles.includes(r)))
        out.push(`${n}: ${at}: none of its roles holds ${t.permission}`);
    }
    for (const r of t.roles ?? []) if (!(r in ROLES)) out.push(`${n}: ${at} names the unknown role ${r}`);
    text(wf.permissionRefusal(t), `the refusal of ${at} for an actor without the permission`);
  }
  for (const s of wf.stateNames)
    for (const a of wf.actionNames)
      if (!wf.from(s).some((t) => t.action === a)) text(wf.stateRefusal(s, a), `the refusal of ${a} in ${s}`);
  const moves = (s: string) => wf.from(s).filter((t) => t.to !== undefined && t.to !== s);
  const entered = wf.stateNames.filter((s) => (wf.states[s] as StateDef).reachedBy?.trim());
  const seen = new Set<string>([...wf.initial, ...entered]);
  const queue = [...seen];
  while (queue.length)
    for (const t of moves(queue.shift()!))
      if (!seen.has(t.to!)) {
        seen.add(t.to!);
        queue.push(t.to!);
      }
  for (const s of wf.stateNames) {
    if (!seen.has(s)) out.push(`${n}: state ${s} is unreachable from ${wf.initial.join('|')}`);
    const terminal = !!(wf.states[s] as StateDef).terminal;
    if (!terminal && moves(s).length === 0) out.push(`${n}: state ${s} is not terminal and has no way out`);
    if (terminal && moves(s).length > 0) out.push(`${n}: state ${s} is marked terminal but has a way out`);
  }
  return out;
}
