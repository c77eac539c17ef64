import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../../../domain/shared/errors';
import { actorOf } from '../../../functions/shared/http/auth-context';
import type { ApiEvent } from '../../../functions/shared/http/http-api';
import { ifMatchVersion, jsonBody } from '../../../functions/shared/http/request';
import { RequestError } from '../../../functions/shared/http/request-error';

const event = (overrides: Partial<APIGatewayProxyEventV2> = {}) =>
  ({ headers: {}, requestContext: {}, ...overrides }) as unknown as ApiEvent;

const withClaims = (claims: Record<string, string>) =>
  ({ headers: {}, requestContext: { authorizer: { jwt: { claims, scopes: [] } } } }) as unknown as ApiEvent;

describe('ifMatchVersion', () => {
  it.each([
    ['"3"', 3],
    ['W/"12"', 12],
    ['7', 7],
  ])('reads %s', (header, version) => {
    expect(ifMatchVersion(event({ headers: { 'if-match': header } }))).toBe(version);
  });

  it('requires the header (428)', () => {
    expect(() => ifMatchVersion(event())).toThrow(expect.objectContaining({ status: 428 }));
  });

  it('refuses something that is not one of our ETags (400)', () => {
    expect(() => ifMatchVersion(event({ headers: { 'if-match': '"abc"' } }))).toThrow(RequestError);
  });
});

describe('jsonBody', () => {
  const schema = z.object({ name: z.string(), lines: z.array(z.object({ qty: z.number() })) });

  it('reports invalid fields with their paths', () => {
    const bad = event({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lines: [{ qty: 'x' }] }),
    });
    const error = (() => {
      try {
        jsonBody(bad, schema);
      } catch (e) {
        return e;
      }
    })() as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((issue) => issue.path)).toEqual(['name', 'lines.0.qty']);
  });

  it('refuses malformed JSON and other media types', () => {
    expect(() =>
      jsonBody(event({ headers: { 'content-type': 'application/json' }, body: '{' }), schema),
    ).toThrow('not valid JSON');
    expect(() => jsonBody(event({ headers: { 'content-type': 'text/csv' }, body: 'a,b' }), schema)).toThrow(
      expect.objectContaining({ status: 415 }),
    );
  });
});

describe('actorOf', () => {
  it('reads a partner user with its partner', () => {
    expect(actorOf(withClaims({ sub: 'u1', role: 'partner', partnerId: 'DIST-1' }))).toEqual({
      userId: 'u1',
      role: 'partner',
      partnerId: 'DIST-1',
    });
  });

  it('refuses a partner token without a partner, and unknown roles', () => {
    expect(() => actorOf(withClaims({ sub: 'u1', role: 'partner' }))).toThrow(RequestError);
    expect(() => actorOf(withClaims({ sub: 'u1', role: 'superuser' }))).toThrow(RequestError);
    expect(() => actorOf(event())).toThrow(RequestError);
  });
});
