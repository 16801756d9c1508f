import type { Kysely, Selectable } from 'kysely';
import type { Token, TokenRepo } from '../meta-store.js';
import type { Database, TokensTable } from '../schema.js';

function toToken(row: Selectable<TokensTable>): Token {
  return {
    tokenHash: row.token_hash,
    libraryId: row.library_id,
    spaceIds: JSON.parse(row.space_ids),
    userId: row.user_id,
    clientId: row.client_id,
    sessionId: row.session_id,
    grants: JSON.parse(row.grants),
    allowSpaceTags: JSON.parse(row.allow_space_tags),
    period: Number(row.period),
    expiresAt: Number(row.expires_at),
    createdAt: Number(row.created_at),
  };
}

export function tokenRepo(db: Kysely<Database>): TokenRepo {
  return {
    async insert(token) {
      await db
        .insertInto('tokens')
        .values({
          token_hash: token.tokenHash,
          library_id: token.libraryId,
          space_ids: JSON.stringify(token.spaceIds),
          user_id: token.userId,
          client_id: token.clientId,
          session_id: token.sessionId,
          grants: JSON.stringify(token.grants),
          allow_space_tags: JSON.stringify(token.allowSpaceTags),
          period: token.period,
          expires_at: token.expiresAt,
          created_at: token.createdAt,
        })
        .execute();
    },
    async get(tokenHash) {
      const row = await db.selectFrom('tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row ? toToken(row) : null;
    },
    async setExpiry(tokenHash, expiresAt) {
      await db.updateTable('tokens').set({ expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute();
    },
    async delete(tokenHash) {
      await db.deleteFrom('tokens').where('token_hash', '=', tokenHash).execute();
    },
    async deleteByUser(libraryId, userIds, clientIds, sessionIds) {
      let query = db.deleteFrom('tokens').where('library_id', '=', libraryId).where('user_id', 'in', userIds);
      if (clientIds !== null) {
        query = query.where('client_id', 'in', clientIds);
      }
      if (sessionIds !== null) {
        query = query.where('session_id', 'in', sessionIds);
      }
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async deleteByLibrary(libraryId) {
      await db.deleteFrom('tokens').where('library_id', '=', libraryId).execute();
    },
    async deleteExpired(now) {
      const result = await db.deleteFrom('tokens').where('expires_at', '<', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
