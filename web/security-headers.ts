/**
 * The response headers of the web app's files, sent by the local gateway and by CloudFront's response-headers
 * policy alike: only this origin's scripts, styles and API; no framing. Preact sets the progress bars' widths
 * through the CSSOM, which a CSP does not restrict, so no inline style is needed. The browser may also connect
 * to `uploadOrigin`, the uploads bucket a partner's file is PUT to with its presigned URL, and on AWS to the
 * hosted UI's origin, whose token endpoint the portal POSTs the authorization code to.
 */
export const webContentSecurityPolicy = (uploadOrigin: string, signInOrigin?: string) =>
  `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${uploadOrigin}${signInOrigin ? ` ${signInOrigin}` : ''}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`;

export const webSecurityHeaders = (uploadOrigin: string) =>
  ({
    'content-security-policy': webContentSecurityPolicy(uploadOrigin),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  }) as const;
