/** A SQL WHERE clause from optional filters: a filter whose value is undefined is left out. */
export function where(filters: readonly (readonly [condition: string, value: unknown])[]): {
  sql: string;
  args: unknown[];
} {
  const used = filters.filter(([, v]) => v !== undefined && v !== null && v !== '');
  return {
    sql: used.length ? `WHERE ${used.map(([c]) => c).join(' AND ')}` : '',
    args: used.map(([, v]) => v),
  };
}
