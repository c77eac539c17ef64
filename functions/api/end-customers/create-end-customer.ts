import { newEndCustomerSchema } from '../../../domain/end-customers/end-customer';
import { createEndCustomer } from '../../../domain/end-customers/end-customer-use-cases';
import { masterDataEditorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { masterData } from '../master-data-deps';

export const handler = httpApi(async (event) => {
  const endCustomer = await createEndCustomer(
    masterData,
    masterDataEditorOf(event),
    jsonBody(event, newEndCustomerSchema),
  );
  return recordResponse(endCustomer, 201);
});
