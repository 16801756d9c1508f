import { requestJson } from './http.js';

export interface TokenRequest {
  libraryId: string;
  librarySecret: string;
  grants?: string;
  spaceId?: string;
  userId?: string;
  period?: string;
}

/** SMH's "get access token" (GET /api/v1/token), the business API's entry point. */
export function createToken(baseUrl: string, input: TokenRequest): Promise<{ accessToken: string; expiresIn: number }> {
  return requestJson(baseUrl, '/api/v1/token', {
    query: {
      library_id: input.libraryId,
      library_secret: input.librarySecret,
      grant: input.grants,
      space_id: input.spaceId,
      user_id: input.userId,
      period: input.period,
    },
  });
}
