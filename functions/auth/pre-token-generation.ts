import type { PreTokenGenerationTriggerHandler } from 'aws-lambda';

/**
 * Cognito trigger: copies the user's `custom:role` and `custom:partnerId` attributes into plain `role` and
 * `partnerId` claims, so that tokens from Cognito and from the local runtime carry the same claims.
 */
export const handler: PreTokenGenerationTriggerHandler = async (event) => {
  const attributes = event.request.userAttributes;
  const claims: Record<string, string> = {};
  const role = attributes['custom:role'];
  const partnerId = attributes['custom:partnerId'];
  if (role) claims.role = role;
  if (partnerId) claims.partnerId = partnerId;
  event.response = { claimsOverrideDetails: { claimsToAddOrOverride: claims } };
  return event;
};
