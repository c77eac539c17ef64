import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { problemOf } from '../../functions/shared/http/problem';
import { RequestError } from '../../functions/shared/http/request-error';
import { apiPathPrefix } from '../../web/src/api-path';
import { functionIdFromArn, type IntrinsicResolver } from './intrinsics';
import { verifyLocalToken } from './local-auth';
import type { LocalFunctions } from './local-functions';
import { type ChrmTemplates, resourcesAcross } from './template';
import type { LocalFallback } from './web-site';

export interface LocalRoute {
  readonly routeKey: string;
  readonly method: string;
  readonly pattern: RegExp;
  readonly parameterNames: readonly string[];
  readonly functionId: string;
  readonly requiresJwt: boolean;
}

/** API Gateway payload limit; larger bodies are refused as they would be on AWS. */
const maxBodyBytes = 10 * 1024 * 1024;

/** Reads the HTTP API's routes and their Lambda integrations from the synthesized templates. */
export function routesFromTemplates(templates: ChrmTemplates, resolver: IntrinsicResolver): LocalRoute[] {
  return resourcesAcross(templates, 'AWS::ApiGatewayV2::Route').map(([template, , route]) => {
    const properties = route.Properties ?? {};
    const routeKey = String(properties.RouteKey);
    const [method = '', path = ''] = routeKey.split(' ');
    const integrationId = String(resolver.resolve(properties.Target, template)).replace('integrations/', '');
    const integration = template.Resources[integrationId];
    const functionArn = String(resolver.resolve(integration?.Properties?.IntegrationUri, template));
    const parameterNames = [...path.matchAll(/\{(\w+)\+?\}/g)].map(([, name]) => name ?? '');
    const source = path
      .replace(/\{\w+\+\}/g, '(.+)')
      .replace(/\{\w+\}/g, '([^/]+)')
      .replaceAll('.', '\\.');
    return {
      routeKey,
      method,
      pattern: new RegExp(`^${source}$`),
      parameterNames,
      functionId: functionIdFromArn(functionArn),
      requiresJwt: properties.AuthorizationType === 'JWT',
    };
  });
}

async function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(
  response: ServerResponse,
  statusCode: number,
  body: string,
  headers: Record<string, string> = {},
) {
  response.writeHead(statusCode, { 'content-type': 'application/json', ...headers });
  response.end(body);
}

/**
 * Path parameters percent-decoded, as API Gateway passes them; a malformed escape (`%E0%A4%A`, `%zz`) is the
 * client's mistake, answered 400 with the parameter's name rather than a crash.
 */
function decodedPathParameters(
  route: LocalRoute,
  values: readonly (string | undefined)[],
): Record<string, string> | RequestError {
  const parameters: Record<string, string> = {};
  for (const [index, name] of route.parameterNames.entries()) {
    try {
      parameters[name] = decodeURIComponent(values[index] ?? '');
    } catch {
      return new RequestError(400, 'The request path is not valid percent-encoding', [
        { path: `path.${name}`, message: 'is not valid percent-encoded UTF-8' },
      ]);
    }
  }
  return parameters;
}

/**
 * A local stand-in for API Gateway HTTP APIs (payload format 2.0): matches the template's routes, verifies
 * bearer tokens like the JWT authorizer, and invokes the same handlers with the event AWS would send.
 */
export class LocalApiGateway {
  private server: Server | undefined;

  constructor(
    private readonly routes: readonly LocalRoute[],
    /** LocalFunctions, or FunctionWorkers running the same handlers off this thread. */
    private readonly functions: Pick<LocalFunctions, 'invoke'>,
    private readonly signingKey: Uint8Array,
    /** What answers a request no API route matches (the web app, local sign-in) before the 404. */
    private readonly fallback?: LocalFallback,
  ) {}

  async listen(port: number): Promise<string> {
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        console.error('Local API gateway error', error);
        if (!response.headersSent) send(response, 500, JSON.stringify({ message: 'Internal Server Error' }));
      });
    });
    this.server = server;
    // A port taken meanwhile fails the start with its error, instead of an uncaught one later.
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    // The portal calls the API under /api, which CloudFront's /api/* behavior strips on AWS (web-stack.ts).
    if (url.pathname.startsWith(`${apiPathPrefix}/`)) url.pathname = url.pathname.slice(apiPathPrefix.length);
    const method = request.method ?? 'GET';
    const found = this.match(method, url.pathname);
    if (!found) {
      if (await this.fallback?.(request, response, url)) return;
      return send(response, 404, JSON.stringify({ message: 'Not Found' }));
    }
    const pathParameters = decodedPathParameters(found.route, found.values);
    if (pathParameters instanceof RequestError) {
      return send(response, 400, JSON.stringify(problemOf(pathParameters)), {
        'content-type': 'application/problem+json',
      });
    }
    const match = { route: found.route, pathParameters };
    const claims = match.route.requiresJwt
      ? await verifyLocalToken(this.signingKey, request.headers.authorization)
      : undefined;
    if (match.route.requiresJwt && !claims) {
      // A problem like every other error, so a client has one error shape to read.
      const problem = problemOf(new RequestError(401, 'Send a valid bearer token'));
      return send(response, 401, JSON.stringify(problem), {
        'content-type': 'application/problem+json',
        'www-authenticate': 'Bearer',
      });
    }
    const body = await readBody(request);
    if (body === 'too-large')
      return send(response, 413, JSON.stringify({ message: 'Request Entity Too Large' }));
    const event = this.event(request, url, match, body, claims);
    const result = (await this.functions.invoke(
      match.route.functionId,
      event,
    )) as APIGatewayProxyStructuredResultV2;
    const headers = Object.fromEntries(
      Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)]),
    );
    const payload = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? '');
    response.writeHead(result.statusCode ?? 200, headers);
    response.end(payload);
  }

  private match(method: string, path: string) {
    for (const route of this.routes) {
      if (route.method !== method && route.method !== 'ANY') continue;
      const found = route.pattern.exec(path);
      if (found) return { route, values: found.slice(1) };
    }
    return undefined;
  }

  private event(
    request: IncomingMessage,
    url: URL,
    match: { route: LocalRoute; pathParameters: Record<string, string> },
    body: Buffer,
    claims: Record<string, string> | undefined,
  ): APIGatewayProxyEventV2 & { requestContext: { authorizer?: unknown } } {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
    }
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams)
      query[name] = query[name] ? `${query[name]},${value}` : value;
    const now = new Date();
    return {
      version: '2.0',
      routeKey: match.route.routeKey,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers,
      ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
      ...(match.route.parameterNames.length > 0 ? { pathParameters: match.pathParameters } : {}),
      ...(body.length > 0 ? { body: body.toString('utf8') } : {}),
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: headers.host ?? 'localhost',
        domainPrefix: 'local',
        http: {
          method: request.method ?? 'GET',
          path: url.pathname,
          protocol: `HTTP/${request.httpVersion}`,
          sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
          userAgent: headers['user-agent'] ?? '',
        },
        requestId: randomUUID(),
        routeKey: match.route.routeKey,
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
        ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
      },
    };
  }
}
