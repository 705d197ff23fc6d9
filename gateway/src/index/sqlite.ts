/**
 * The slice of better-sqlite3 the index uses, typed here because the package ships no types
 * of its own. Statements run synchronously; `transaction` wraps a function in BEGIN/COMMIT
 * (a SAVEPOINT when nested) and rolls back if it throws.
 */
export interface RunResult {
  changes: number;
}

export interface Statement {
  run(...params: unknown[]): RunResult;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

export interface IndexDb {
  prepare(sql: string): Statement;
  exec(sql: string): IndexDb;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<F extends (...args: never[]) => unknown>(fn: F): F;
  close(): void;
  readonly open: boolean;
}

type DatabaseConstructor = new (file: string) => IndexDb;

export function openSqlite(file: string): IndexDb {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Database = require('better-sqlite3') as DatabaseConstructor;
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
