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
});
