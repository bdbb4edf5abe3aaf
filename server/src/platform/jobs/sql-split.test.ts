import { describe, expect, it } from 'vitest';
import PgBoss from 'pg-boss';
import { splitSqlStatements } from './sql-split.js';

describe('splitSqlStatements', () => {
  it('splits on semicolons outside quotes, dollar bodies and comments', () => {
    const script = `
      BEGIN;
      select 'a;b', "we;ird";  -- a comment; with a semicolon
      /* block ; /* nested ; */ still */ select 1;
      create function f() returns int language plpgsql as $$ begin return 1; end $$;
      create function g() returns int language plpgsql as $body$ begin return 2; end $body$;
      select $1::text;
      select 'it''s; fine';
      COMMIT;
    `;
    expect(splitSqlStatements(script)).toEqual([
      'BEGIN',
      `select 'a;b', "we;ird"`,
      '-- a comment; with a semicolon\n      /* block ; /* nested ; */ still */ select 1',
      'create function f() returns int language plpgsql as $$ begin return 1; end $$',
      'create function g() returns int language plpgsql as $body$ begin return 2; end $body$',
      'select $1::text',
      `select 'it''s; fine'`,
      'COMMIT',
    ]);
  });

  it("splits pg-boss's schema script so each piece is one statement", () => {
    const parts = splitSqlStatements(PgBoss.getConstructionPlans('pgboss'));
    expect(parts[0]).toBe('BEGIN');
    expect(parts.at(-1)).toBe('COMMIT');
    const fn = parts.find((p) => p.startsWith('CREATE FUNCTION pgboss.create_queue'));
    expect(fn).toMatch(/ATTACH PARTITION[\s\S]*\$\$\s*LANGUAGE plpgsql$/);
    expect(parts.every((p) => !p.endsWith(';'))).toBe(true);
  });
});
