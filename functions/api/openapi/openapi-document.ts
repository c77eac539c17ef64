import { z } from 'zod';
import { problemMeanings, problemStatuses, type RouteSpec, type SuccessStatus } from '../route-spec';
import { apiRoutes } from '../routes';

type JsonSchema = Record<string, unknown>;

/** RFC 9457 problem details, as every error is answered (`application/problem+json`). */
const problemSchema = {
  type: 'object',
  description: 'Problem details (RFC 9457). 5xx problems never carry internal details.',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', description: 'A URI naming the kind of problem' },
    title: { type: 'string', description: 'Short summary of the kind of problem' },
    status: { type: 'integer', description: 'The HTTP status, repeated' },
    detail: { type: 'string', description: 'What went wrong with this request' },
    errors: {
      type: 'array',
      description: 'Field-level issues (400, 422)',
      items: {
        type: 'object',
        properties: {
          path: { type: 'string', description: 'Dotted path into the request, e.g. `terms.tiers.1.from`' },
          message: { type: 'string', description: 'Why the field is refused' },
        },
      },
    },
  },
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

/** What each path parameter names; one name has one meaning across the API. */
const pathParameterMeanings: Record<string, string> = {
  adjustmentId: 'Manual adjustment id (ADJ-…)',
  authorizationNumber: 'Debit authorization (contract) number (DA-…), as partners quote it on claims',
  claimId: 'Claim id (CLM-…), as returned by POST /claims',
  batchId: 'Payment batch id (PB-…)',
  billBackId: 'Ship & debit bill-back id (SDB-…), as POST /ship-and-debit-bill-backs/detections returns it',
  deductionId: 'Deduction id (DED-…), as returned by POST /deductions',
  effectiveFrom: 'First day of the price entry (ISO date)',
  endCustomerId: "The manufacturer's end-customer id, as POS and claim lines name it",
  fileId: 'Channel file id, as returned by POST /uploads',
  houseAccountId: 'House account id (HA-…), as returned by POST /house-accounts',
  fundClaimId: 'Proof-of-performance claim id (FCL-…), as returned by POST /fund-requests/{requestId}/claims',
  fundId: 'Fund id (FND-…), as returned by POST /funds',
  kind: 'File kind: `pos` or `inventory`',
  month: 'Accounting month YYYY-MM (calendar month of posting dates)',
  partnerId: 'Partner code',
  partnerSku: "The partner's own item number (URL-encoded)",
  priceListId: 'Price list code',
  programId: 'Program code',
  programVersion: 'Program version, from 1 (activation count)',
  registrationId: 'Deal registration id (DR-…), as returned by POST /deal-registrations',
  requestId: 'Fund request id (FRQ-…), as returned by POST /fund-requests',
  runId: 'Accrual run id',
  shipAndDebitClaimId: 'Ship & debit claim id (SDC-…), as returned by POST /ship-and-debit-claims',
  sku: 'Our product code (SKU)',
  taskId: 'Approval task id, as the inbox lists it',
};

function parameters(route: RouteSpec): JsonSchema[] {
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name = '']) => ({
    name,
    in: 'path',
    required: true,
    description: pathParameterMeanings[name],
    schema: { type: 'string' },
  }));
  const query = route.query ? jsonSchema(route.query, 'input') : undefined;
  const required = new Set((query?.required as string[] | undefined) ?? []);
  const queryParams = Object.entries((query?.properties as Record<string, JsonSchema> | undefined) ?? {}).map(
    ([name, schema]) => ({
      name,
      in: 'query',
      required: required.has(name),
      description: schema.description,
      schema,
    }),
  );
  const ifMatch = route.ifMatch
    ? [
        {
          name: 'If-Match',
          in: 'header',
          required: true,
          schema: { type: 'string' },
          description: 'ETag read',
        },
      ]
    : [];
  return [...pathParams, ...queryParams, ...ifMatch];
}

const successMeanings: Record<SuccessStatus, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted: the work runs asynchronously; poll the returned record',
};

function operation(route: RouteSpec): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  for (const status of route.success ?? []) {
    responses[String(status)] = {
      description: successMeanings[status],
      ...(route.response
        ? { content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } }
        : {}),
    };
  }
  for (const status of problemStatuses(route)) {
    responses[String(status)] = {
      description: problemMeanings[status],
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.public ? { security: [] } : {}),
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

/** The API as OpenAPI 3.1, generated from the same route table and zod schemas that serve requests. */
export function openApiDocument(routes: readonly RouteSpec[] = apiRoutes): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'ChRM API', version: '1.0.0', description: 'Channel revenue management' },
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: problemSchema },
    },
    paths,
  };
}
