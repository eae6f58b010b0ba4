import { getTableColumns, getTableName, type InferInsertModel, SQL, StringChunk } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client';

interface InsertPlan {
  keys: string[];
  encoders: ((value: unknown) => unknown)[];
  head: StringChunk;
}

const plans = new WeakMap<PgTable, InsertPlan>();

function planOf(table: PgTable): InsertPlan {
  let plan = plans.get(table);
  if (!plan) {
    const columns = Object.entries(getTableColumns(table));
    plan = {
      keys: columns.map(([key]) => key),
      encoders: columns.map(
        ([, column]) =>
          (value) =>
            column.mapToDriverValue(value),
      ),
      head: new StringChunk(
        `insert into "${getTableName(table)}" (${columns.map(([, column]) => `"${column.name}"`).join(', ')}) values `,
      ),
    };
    plans.set(table, plan);
  }
  return plan;
}

const OPEN = new StringChunk('(');
const COMMA = new StringChunk(', ');
const CLOSE = new StringChunk(')');
const DEFAULT = new StringChunk('default');

/** A row to insert: each value as the column takes it, or SQL of its own (a value already encoded, say). */
export type InsertRow<T extends PgTable> = { [K in keyof InferInsertModel<T>]: InferInsertModel<T>[K] | SQL };

/**
 * INSERTs rows as drizzle's builder would, with the same column encoders (json stringified, timestamps as ISO
 * text), without building a query tree: the builder type-checks every parameter against a dozen column classes,
 * which for a quote's row (timed alone) cost about 290 µs on top of serialising its json, where this costs about 50.
 * A missing key takes the column's SQL default; the statement's text depends only on the table and the row count,
 * so PostgreSQL keeps it prepared.
 */
export async function insertRows<T extends PgTable>(
  db: Executor,
  table: T,
  rows: readonly InsertRow<T>[],
): Promise<void> {
  if (rows.length === 0) return;
  const { keys, encoders, head } = planOf(table);
  const chunks: unknown[] = [head];
  for (const [rowIndex, row] of rows.entries()) {
    if (rowIndex > 0) chunks.push(COMMA);
    chunks.push(OPEN);
    for (const [columnIndex, key] of keys.entries()) {
      if (columnIndex > 0) chunks.push(COMMA);
      const value = (row as Record<string, unknown>)[key];
      if (value === undefined) chunks.push(DEFAULT);
      else if (value === null || value instanceof SQL) chunks.push(value);
      // A bare value is a parameter to drizzle, and a bare array would be spread into a list: encoded, each is one.
      else chunks.push(encoders[columnIndex]!(value));
    }
    chunks.push(CLOSE);
  }
  await db.execute(new SQL(chunks as SQL['queryChunks']));
}
