import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { json } from '../../shared/http/response';
import { openApiDocument } from './openapi-document';

const document = openApiDocument();

/** Any signed-in user may read the API description. */
export const handler = httpApi(async (event) => {
  actorOf(event);
  return json(200, document);
});
