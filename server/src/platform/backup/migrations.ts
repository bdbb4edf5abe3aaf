import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

// The same folder and naming rule as platform/migrate.ts; restore needs to stop at a chosen
// migration and to run inside its own transaction, which migrateToLatest does not offer.
const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

class FolderProvider implements MigrationProvider {
  constructor(private readonly only?: ReadonlySet<string>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(MIGRATIONS_DIR))
      .filter((f) => /^\d{4}_.+\.(ts|js)$/.test(f) && !f.endsWith('.d.ts') && !f.includes('.test.'))
      .sort();
    const out: Record<string, Migration> = {};
    for (const f of files) {
      if (this.only && !this.only.has(f.replace(/\.(ts|js)$/, ''))) continue;
      out[f.replace(/\.(ts|js)$/, '')] = (await import(
        pathToFileURL(path.join(MIGRATIONS_DIR, f)).href
      )) as Migration;
    }
    return out;
  }
}

export async function knownMigrations(): Promise<string[]> {
  return Object.keys(await new FolderProvider().getMigrations()).sort();
}

/**
 * Runs exactly the named migrations (those a backup was taken with) on `db`, WITHOUT opening a
 * transaction of its own: the caller runs it on a connection inside its transaction. Migrations
 * the code has beyond these run afterwards, with the rows in place, as on any upgrade.
 */
export async function migrateWithin(db: Kysely<any>, names: string[]): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: new FolderProvider(new Set(names)),
    allowUnorderedMigrations: true,
    disableTransactions: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(
      `迁移失败 / Migration failed${failed ? `: ${failed}` : ''}: ${String((error as Error).message ?? error)}`,
    );
  }
}
