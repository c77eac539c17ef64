import { dealRegistrationRequestSchema } from '../../../domain/deal-registration/deal-registration';
import { registerDeal } from '../../../domain/deal-registration/deal-registration-use-cases';
import { dealRegistrations } from '../../deal-registration/deal-registration-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody } from '../../shared/http/request';
import { RequestError } from '../../shared/http/request-error';
import { json } from '../../shared/http/response';

const idempotencyKeyPattern = /^[\x21-\x7e]{1,200}$/;

/** Registers a deal as a draft: 201, or 200 with the registration a repeat made (Idempotency-Key or same content). */
export const handler = httpApi(async (event) => {
  const actor = actorOf(event);
  const request = jsonBody(event, dealRegistrationRequestSchema);
  const idempotencyKey = event.headers['idempotency-key'];
  if (idempotencyKey !== undefined && !idempotencyKeyPattern.test(idempotencyKey)) {
    throw new RequestError(400, 'The Idempotency-Key header is invalid', [
      { path: 'header.idempotency-key', message: 'must be 1-200 visible ASCII characters' },
    ]);
  }
  const { registration, created } = await registerDeal(dealRegistrations, actor, { request, idempotencyKey });
  return json(created ? 201 : 200, registration, {
    location: `/deal-registrations/${registration.registrationId}`,
  });
});
