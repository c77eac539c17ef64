/**
 * How the portal signs users in, read at startup from `/config.json` next to index.html, so that one bundle
 * serves every environment: the local runtime answers `local` (pick a demo user), the web stack deploys
 * `cognito` with its user pool's hosted UI and the portal's app client.
 */
export type SignInConfig =
  | { readonly signIn: 'local' }
  | { readonly signIn: 'cognito'; readonly hostedUiUrl: string; readonly clientId: string };

export const signInConfigPath = '/config.json';
