import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { z } from 'zod';
import type { Actor } from '../../../domain/access/actor';
import { roleSchema } from '../../../domain/access/actor';
import { masterDataEditors, requireRole } from '../../../domain/access/policies';
import { businessCodeSchema } from '../../../domain/shared/codes';
import { RequestError } from './request-error';

/**
 * Claims the API's JWT authorizer has already verified. On AWS, Cognito's pre-token-generation trigger copies
 * the user's custom attributes into `role` and `partnerId`; the local runtime signs tokens with the same claims.
 */
const claimsSchema = z.discriminatedUnion('role', [
  z.object({ sub: z.string().min(1), role: z.literal('partner'), partnerId: businessCodeSchema }),
  z.object({ sub: z.string().min(1), role: roleSchema.exclude(['partner']) }),
]);

/** The caller, from the verified token; a token without a usable role is refused (401). */
export function actorOf(event: APIGatewayProxyEventV2WithJWTAuthorizer): Actor {
  const parsed = claimsSchema.safeParse(event.requestContext.authorizer?.jwt?.claims);
  if (!parsed.success) throw new RequestError(401, 'The token does not carry a valid role for this API');
  const claims = parsed.data;
  return claims.role === 'partner'
    ? { userId: claims.sub, role: 'partner', partnerId: claims.partnerId }
    : { userId: claims.sub, role: claims.role };
}

/**
 * The caller of a master-data change, refused (403) before its body is even parsed, so that callers who may
 * not write learn nothing about the schema. The use case checks the role again: the domain stays safe alone.
 */
export function masterDataEditorOf(event: APIGatewayProxyEventV2WithJWTAuthorizer): Actor {
  const actor = actorOf(event);
  requireRole(actor, masterDataEditors);
  return actor;
}
