/**
 * The few raw SQL helpers the bulk import and export need, written once for both drivers:
 * postgres.js returns rows as an array, PGlite as `{ rows }`.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../users';

export async function query<T>(db: Executor, statement: SQL): Promise<T[]> {
	const result = (await db.execute(statement)) as unknown as T[] | { rows: T[] };
	return Array.isArray(result) ? result : result.rows;
}

/**
 * A list of values as one jsonb parameter, whatever its length. A plain `IN (…)` takes one
 * parameter per value, and PostgreSQL stops at 65 535 parameters per statement.
 */
export function jsonb(value: unknown): SQL {
	return sql`${JSON.stringify(value)}::jsonb`;
}

/** `select value from` a jsonb array of strings. */
export function textSet(values: readonly string[]): SQL {
	return sql`(select jsonb_array_elements_text(${jsonb(values)}))`;
}
