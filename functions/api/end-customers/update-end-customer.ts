import { endCustomerDetailsSchema } from '../../../domain/end-customers/end-customer';
import { updateEndCustomer } from '../../../domain/end-customers/end-customer-use-cases';
import { masterDataEditorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { ifMatchVersion, jsonBody, pathParams } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { endCustomerIdFromPath } from '../api-schemas';
import { masterData } from '../master-data-deps';

export const handler = httpApi(async (event) => {
  const actor = masterDataEditorOf(event);
  const endCustomer = await updateEndCustomer(masterData, actor, {
    endCustomerId: pathParams(event, endCustomerIdFromPath),
    expectedVersion: ifMatchVersion(event),
    details: jsonBody(event, endCustomerDetailsSchema),
  });
  return recordResponse(endCustomer);
});
