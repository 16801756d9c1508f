export type Dialect = 'sqlite' | 'postgres';

/** Column type for an auto-increment integer id, which the two dialects spell differently. */
export function autoIdType(dialect: Dialect) {
  return dialect === 'postgres' ? ('bigserial' as const) : ('integer' as const);
}
