/** The smallest environment settings load from: every required variable, nothing else. */
export const minimalEnv = {
  SF_LOGIN_URL: 'https://login.example.com',
  SF_CLIENT_ID: 'id',
  SF_CLIENT_SECRET: 'secret',
  CB_GRAPHQL_URL: 'https://graph.example.com/graphql',
  CB_USERNAME: 'api',
  CB_PASSWORD: 'pw',
  CB_CLIENT_ID: '864',
};
