import type { SessionManager } from './sessions.js';

/**
 * GET /id/{orgId}/{userId}: the identity URL of a token response, answered to the token's own
 * user (as `Authorization: Bearer` or `?oauth_token=`, which jsforce's identity() uses).
 */
export function identity(
  sessions: SessionManager,
  token: string | null,
  orgId: string,
  userId: string,
  instanceUrl: string,
  version: string,
): { status: number; body: unknown } {
  const user = token ? sessions.check(token) : null;
  if (!user) return { status: 403, body: 'Bad_OAuth_Token' };
  if (orgId !== sessions.orgId || userId !== user.id) return { status: 403, body: 'Bad_Id' };
  const data = `${instanceUrl}/services/data/v${version}`;
  return {
    status: 200,
    body: {
      id: `${instanceUrl}/id/${orgId}/${userId}`,
      asserted_user: true,
      user_id: user.id,
      organization_id: orgId,
      username: user.username,
      nick_name: user.username.split('@')[0],
      display_name: user.name,
      email: user.username,
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: 0,
      urls: {
        rest: `${data}/`,
        sobjects: `${data}/sobjects/`,
        query: `${data}/query/`,
      },
    },
  };
}
