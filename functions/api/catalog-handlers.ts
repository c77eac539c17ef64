import type { z } from 'zod';
import {
  type Catalog,
  createCatalogRecord,
  getCatalogRecord,
  listCatalogRecords,
  updateCatalogRecord,
} from '../../domain/master-data/catalog-use-cases';
import { actorOf, masterDataEditorOf } from '../shared/http/auth-context';
import { httpApi } from '../shared/http/http-api';
import { pageQuery, pageResponse } from '../shared/http/paging';
import { ifMatchVersion, jsonBody, pathParams } from '../shared/http/request';
import { recordResponse } from '../shared/http/response';
import type { pageQuerySchema } from './api-schemas';

/**
 * The four CRUD routes of a manufacturer-owned catalog (products, price lists) differ only in schemas, so
 * each route's handler file picks one of these with its catalog and schemas.
 */
export function createCatalogRecordHandler<T>(catalog: Catalog<T>, bodySchema: z.ZodType<T>) {
  return httpApi(async (event) =>
    recordResponse(
      await createCatalogRecord(catalog, masterDataEditorOf(event), jsonBody(event, bodySchema)),
      201,
    ),
  );
}

export function getCatalogRecordHandler<T>(catalog: Catalog<T>, idFromPath: z.ZodType<string>) {
  return httpApi(async (event) =>
    recordResponse(await getCatalogRecord(catalog, actorOf(event), pathParams(event, idFromPath))),
  );
}

type PageQuery = z.output<typeof pageQuerySchema>;

/** `groupOf` picks the query parameter that narrows the listing (e.g. `category`), if the catalog has one. */
export function listCatalogRecordsHandler<T, Q extends PageQuery>(
  catalog: Catalog<T>,
  querySchema: z.ZodType<Q>,
  groupOf: (query: Q) => string | undefined = () => undefined,
) {
  return httpApi(async (event) => {
    const query = pageQuery(event, querySchema);
    const page = { limit: query.limit, cursor: query.cursor, group: groupOf(query) };
    return pageResponse(event, await listCatalogRecords(catalog, actorOf(event), page));
  });
}

/** `detailsSchema` validates the body; `withId` puts the id from the path back into the stored data. */
export function updateCatalogRecordHandler<T, D>(
  catalog: Catalog<T>,
  idFromPath: z.ZodType<string>,
  detailsSchema: z.ZodType<D>,
  withId: (id: string, details: D) => T,
) {
  return httpApi(async (event) => {
    const actor = masterDataEditorOf(event);
    const id = pathParams(event, idFromPath);
    const data = withId(id, jsonBody(event, detailsSchema));
    const record = await updateCatalogRecord(catalog, actor, {
      id,
      expectedVersion: ifMatchVersion(event),
      data,
    });
    return recordResponse(record);
  });
}
