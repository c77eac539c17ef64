import { fundRequestInputSchema } from '../../../domain/funds/fund-request';
import { submitFundRequest } from '../../../domain/funds/fund-request-use-cases';
import { fundDeps } from '../../funds/fund-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody } from '../../shared/http/request';
import { json } from '../../shared/http/response';

/** A partner asks for pre-approval of an activity against its own fund: 201 `submitted`. */
export const handler = httpApi(async (event) => {
  const request = await submitFundRequest(fundDeps, actorOf(event), jsonBody(event, fundRequestInputSchema));
  return json(201, request, { location: `/fund-requests/${request.requestId}` });
});
