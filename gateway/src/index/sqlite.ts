/**
 * The index's SQLite handle (better-sqlite3: synchronous; `transaction` wraps a function in
 * BEGIN/COMMIT, a SAVEPOINT when nested, and rolls back if it throws) and a per-database cache
 * of prepared statements.
 */
import Database from 'better-sqlite3';

export type IndexDb = Database.Database;
export type Statement = Database.Statement;

export function openSqlite(file: string): IndexDb {
  return new Database(file);
}

/** Prepared statements cached per database: preparing is the slow part of a small query. */
const cache = new WeakMap<IndexDb, Map<string, Statement>>();

export function statement(db: IndexDb, sql: string): Statement {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let prepared = statements.get(sql);
  if (!prepared) statements.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}
