import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../functions/api/openapi/openapi-document';
import { apiRoutes } from '../../../functions/api/routes';

describe('openApiDocument', () => {
  const document = openApiDocument() as { paths: Record<string, Record<string, Record<string, unknown>>> };

  it('describes every route of the route table', () => {
    for (const route of apiRoutes) {
      expect(document.paths[route.path]?.[route.method.toLowerCase()]?.operationId).toBe(route.operationId);
    }
  });

  it('derives request bodies from the same zod schemas that validate requests', () => {
    const body = document.paths['/partners']?.post?.requestBody as {
      content: { 'application/json': { schema: { allOf?: { properties?: Record<string, unknown> }[] } } };
    };
    const schema = JSON.stringify(body.content['application/json'].schema);
    expect(schema).toContain('"partnerId"');
    expect(schema).toContain('"buying_group"');
  });

  it('marks only health as public', () => {
    const publicOps = Object.values(document.paths).flatMap((ops) =>
      Object.values(ops).filter((op) => Array.isArray(op.security) && op.security.length === 0),
    );
    expect(publicOps.map((op) => op.operationId)).toEqual(['getHealth']);
  });

  it('documents a success status and a JSON response schema for every route', () => {
    for (const route of apiRoutes) {
      expect(route.success?.length, route.operationId).toBeGreaterThan(0);
      expect(route.response, route.operationId).toBeDefined();
    }
  });

  it('documents runs as 202, activation and what-if as 200, creates as 201', () => {
    const statuses = (path: string, method: string) =>
      Object.keys((document.paths[path]?.[method]?.responses ?? {}) as object).filter((s) => s < '300');
    expect(statuses('/accrual-runs', 'post')).toEqual(['202']);
    expect(statuses('/programs/{programId}/activate', 'post')).toEqual(['200']);
    expect(statuses('/partners/{partnerId}/what-if', 'post')).toEqual(['200']);
    expect(statuses('/programs', 'post')).toEqual(['201']);
  });

  it('describes every parameter and every property of every request and response schema', () => {
    expect(undescribedFields(document)).toEqual([]);
  });

  it('says what a rate, a tier threshold, a period and an upload status mean', () => {
    const text = JSON.stringify(document);
    expect(text).toContain('\\"10\\" = 10 % of revenue');
    expect(text).toContain('units 10 and up');
    expect(text).toContain('programYearStartMonth');
    expect(text).toContain('period-to-date');
    expect(text).toContain('`completed_with_rejections`');
  });
});

type JsonContent = { content?: Record<string, { schema?: unknown }> };
type Schema = { description?: string; properties?: Record<string, Schema> } & Record<string, unknown>;

/** Every parameter and schema property without a description, named by operation and dotted path. */
function undescribedFields(document: { paths: Record<string, Record<string, Record<string, unknown>>> }) {
  const missing: string[] = [];
  const walk = (schema: unknown, where: string): void => {
    if (Array.isArray(schema)) {
      for (const item of schema) walk(item, where);
      return;
    }
    if (schema === null || typeof schema !== 'object') return;
    const node = schema as Schema;
    for (const [name, property] of Object.entries(node.properties ?? {})) {
      if (!property.description) missing.push(`${where}.${name}`);
      walk(property, `${where}.${name}`);
    }
    for (const key of ['items', 'allOf', 'anyOf', 'oneOf', 'additionalProperties']) walk(node[key], where);
  };
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const where = `${method.toUpperCase()} ${path}`;
      for (const parameter of operation.parameters as { name: string; description?: string }[]) {
        if (!parameter.description) missing.push(`${where} parameter ${parameter.name}`);
      }
      const jsonOf = (part: unknown) =>
        (part as JsonContent | undefined)?.content?.['application/json']?.schema;
      walk(jsonOf(operation.requestBody), `${where} body`);
      for (const [status, response] of Object.entries(operation.responses as Record<string, unknown>)) {
        walk(jsonOf(response), `${where} ${status}`);
      }
    }
  }
  return missing;
}
