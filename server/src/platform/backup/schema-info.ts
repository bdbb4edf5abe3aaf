import { sql, type Kysely } from 'kysely';

/** Tables the migrator owns; their content is the migrations list, recorded separately. */
export const MIGRATOR_TABLES = ['kysely_migration', 'kysely_migration_lock'];

export interface TableInfo {
  name: string;
  /** Columns a restore writes: every column except generated ones. */
  columns: string[];
  /** Primary-key columns, used to order rows in a dump. */
  primaryKey: string[];
  /** True when a column is GENERATED ALWAYS AS IDENTITY (insert needs OVERRIDING SYSTEM VALUE). */
  identityAlways: boolean;
  /** Foreign keys within the same table (child column -> parent column), e.g. parent_id -> id. */
  selfRefs: Array<{ column: string; references: string }>;
}

export interface SequenceInfo {
  name: string;
  lastValue: number;
  isCalled: boolean;
}

const q = (name: string) => sql.id(name);

/** Every ordinary table in the public schema, parents before children (foreign-key order). */
export async function listTables(db: Kysely<any>): Promise<TableInfo[]> {
  const tables = (
    await sql<{ name: string }>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
      order by c.relname`.execute(db)
  ).rows
    .map((r) => r.name)
    .filter((n) => !MIGRATOR_TABLES.includes(n));

  const cols = (
    await sql<{
      table_name: string;
      column_name: string;
      is_generated: string;
      is_identity: string;
      identity_generation: string | null;
    }>`
      select table_name, column_name, is_generated, is_identity, identity_generation
      from information_schema.columns where table_schema = 'public'
      order by table_name, ordinal_position`.execute(db)
  ).rows;

  const pks = (
    await sql<{ table_name: string; column_name: string }>`
      select tc.relname as table_name, a.attname as column_name
      from pg_constraint con
      join pg_class tc on tc.oid = con.conrelid
      join pg_namespace n on n.oid = tc.relnamespace
      join lateral unnest(con.conkey) with ordinality as k(attnum, ord) on true
      join pg_attribute a on a.attrelid = tc.oid and a.attnum = k.attnum
      where n.nspname = 'public' and con.contype = 'p'
      order by tc.relname, k.ord`.execute(db)
  ).rows;

  const fks = (
    await sql<{ child: string; parent: string; child_col: string; parent_col: string }>`
      select tc.relname as child, pc.relname as parent, ca.attname as child_col, pa.attname as parent_col
      from pg_constraint con
      join pg_class tc on tc.oid = con.conrelid
      join pg_class pc on pc.oid = con.confrelid
      join pg_namespace n on n.oid = tc.relnamespace
      join lateral unnest(con.conkey, con.confkey) as k(c, p) on true
      join pg_attribute ca on ca.attrelid = tc.oid and ca.attnum = k.c
      join pg_attribute pa on pa.attrelid = pc.oid and pa.attnum = k.p
      where n.nspname = 'public' and con.contype = 'f'`.execute(db)
  ).rows;

  const info = new Map<string, TableInfo>();
  for (const t of tables)
    info.set(t, { name: t, columns: [], primaryKey: [], identityAlways: false, selfRefs: [] });
  for (const c of cols) {
    const t = info.get(c.table_name);
    if (!t) continue;
    if (c.is_generated === 'ALWAYS') continue;
    t.columns.push(c.column_name);
    if (c.is_identity === 'YES' && c.identity_generation === 'ALWAYS') t.identityAlways = true;
  }
  for (const p of pks) info.get(p.table_name)?.primaryKey.push(p.column_name);

  const deps = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  for (const f of fks) {
    if (!info.has(f.child) || !info.has(f.parent)) continue;
    if (f.child === f.parent)
      info.get(f.child)!.selfRefs.push({ column: f.child_col, references: f.parent_col });
    else deps.get(f.child)!.add(f.parent);
  }

  // Kahn's algorithm, alphabetical among equals so a dump is reproducible.
  const order: string[] = [];
  const remaining = new Set(tables);
  while (remaining.size) {
    const ready = [...remaining].filter((t) => [...deps.get(t)!].every((d) => !remaining.has(d))).sort();
    if (!ready.length) {
      throw new Error(
        `外键存在循环依赖，无法确定表的顺序：${[...remaining].join(', ')}\n` +
          `Foreign keys form a cycle; cannot order tables: ${[...remaining].join(', ')}`,
      );
    }
    for (const t of ready) {
      order.push(t);
      remaining.delete(t);
    }
  }
  return order.map((t) => info.get(t)!);
}

/** Every sequence in the public schema with its current value. */
export async function listSequences(db: Kysely<any>): Promise<SequenceInfo[]> {
  const names = (
    await sql<{ name: string }>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'S' order by c.relname`.execute(db)
  ).rows.map((r) => r.name);
  const out: SequenceInfo[] = [];
  for (const name of names) {
    const r = (
      await sql<{
        last_value: string | number;
        is_called: boolean;
      }>`select last_value, is_called from ${q(name)}`.execute(db)
    ).rows[0];
    out.push({ name, lastValue: Number(r.last_value), isCalled: r.is_called });
  }
  return out;
}

/** The migrations applied to this database, in name order (empty when never migrated). */
export async function appliedMigrations(db: Kysely<any>): Promise<string[]> {
  const exists = await sql<{
    t: string | null;
  }>`select to_regclass('public.kysely_migration')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return [];
  return (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)).rows.map(
    (r) => r.name,
  );
}

export async function countRows(db: Kysely<any>, table: string): Promise<number> {
  const r = await sql<{ n: string | number }>`select count(*) as n from ${q(table)}`.execute(db);
  return Number(r.rows[0].n);
}
