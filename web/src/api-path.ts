/**
 * Where the portal calls the API: under `/api` at its own origin. CloudFront's `/api/*` behavior
 * (infra/stacks/web-stack.ts) and the local gateway both strip the prefix before routing.
 */
export const apiPathPrefix = '/api';
