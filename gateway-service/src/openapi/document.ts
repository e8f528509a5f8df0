import { HttpStatus, INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { API_KEY_HEADER } from '../common/auth/api-key.guard';
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER, STATE_CHANGING } from '../common/idempotency/idempotency.interceptor';
import { KnownRoutes, OPERATION_METHODS } from '../common/known-routes';
import { GatewayConfig } from '../config/configuration';
import { RECORD_SCHEMAS } from './contract-metadata';
import { FILE_CONTENT_MARKER, problemResponse } from './responses';

const IDEMPOTENCY_PARAMETER: ParameterObject = {
  name: IDEMPOTENCY_HEADER,
  in: 'header',
  required: false,
  description:
    'Repeat-safe: the same request with the same key gets the first answer again (Idempotent-Replayed: true); ' +
    'another request with the key answers 409 IDEMPOTENCY_MISMATCH. Kept 24 hours per API key.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
};

const REPLAYED = {
  [REPLAYED_HEADER]: {
    description: 'true when the answer is that of an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
};

/** Adds `status` as a refusal of `operation` unless the route describes it itself. */
function addProblem(operation: OperationObject, status: HttpStatus): void {
  operation.responses[status] ??= problemResponse(status);
}

/**
 * What every route answers by the gateway's own layers, added to each
 * operation so the controllers declare only what is theirs: the API key
 * guard (401, 403), the request readers (400), missing records (404), the
 * body limit (413), rate limits (429), draining (503) and Idempotency-Key.
 */
function describeCommonAnswers(document: OpenAPIObject, mediaTypes: readonly string[]): void {
  for (const item of Object.values(document.paths)) {
    for (const method of OPERATION_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = (operation.parameters ?? []) as ParameterObject[];
      // Uploads are content-addressed, and idempotent by themselves (see the idempotency interceptor).
      const uploads =
        operation.requestBody !== undefined && 'content' in operation.requestBody && 'multipart/form-data' in operation.requestBody.content;
      if (operation.security?.length) {
        addProblem(operation, HttpStatus.UNAUTHORIZED);
        addProblem(operation, HttpStatus.FORBIDDEN);
      }
      if (parameters.length > 0 || operation.requestBody) addProblem(operation, HttpStatus.BAD_REQUEST);
      if (parameters.some((parameter) => parameter.in === 'path')) addProblem(operation, HttpStatus.NOT_FOUND);
      if (operation.requestBody) addProblem(operation, HttpStatus.PAYLOAD_TOO_LARGE);
      if (STATE_CHANGING.has(method.toUpperCase()) && operation.security?.length && !uploads) {
        operation.parameters = [...parameters, IDEMPOTENCY_PARAMETER];
        addProblem(operation, HttpStatus.BAD_REQUEST);
        addProblem(operation, HttpStatus.CONFLICT);
        for (const [status, response] of Object.entries(operation.responses)) {
          if (status.startsWith('2')) (response as ResponseObject).headers = { ...(response as ResponseObject).headers, ...REPLAYED };
        }
      }
      addProblem(operation, HttpStatus.TOO_MANY_REQUESTS);
      addProblem(operation, HttpStatus.SERVICE_UNAVAILABLE);
      for (const response of Object.values(operation.responses) as ResponseObject[]) {
        const file = response.content?.[FILE_CONTENT_MARKER];
        if (file) response.content = Object.fromEntries(mediaTypes.map((type) => [type, file]));
      }
    }
  }
}

/** The component a `$ref` names, if it is one of the document's. */
const componentOf = (schema: unknown): string | undefined => {
  const ref = (schema as { $ref?: unknown } | undefined)?.$ref;
  return typeof ref === 'string' ? ref.replace('#/components/schemas/', '') : undefined;
};

/**
 * States what the request readers do and the DTOs cannot: a body with a
 * field the reader does not know is refused (additionalProperties: false, on
 * every schema a request body reaches), and a material's file must be of a
 * media type the city's stores accept.
 */
function describeRequestBodies(document: OpenAPIObject, mediaTypes: readonly string[]): void {
  const schemas = document.components?.schemas ?? {};
  const strict = new Set<string>();
  const visit = (schema: unknown): void => {
    if (schema === null || typeof schema !== 'object') return;
    const name = componentOf(schema);
    if (name !== undefined) {
      if (strict.has(name)) return;
      strict.add(name);
      visit(schemas[name]);
      return;
    }
    for (const nested of Object.values(schema)) visit(nested);
  };
  for (const item of Object.values(document.paths)) {
    for (const method of OPERATION_METHODS) {
      const body = item[method]?.requestBody;
      if (!body || !('content' in body)) continue;
      // Typed as always present, as a Record is; a body has one media type or the other.
      const content = body.content as Partial<typeof body.content>;
      visit(content['application/json']?.schema);
      for (const encoding of Object.values(content['multipart/form-data']?.encoding ?? {})) {
        if (encoding.contentType === FILE_CONTENT_MARKER) encoding.contentType = mediaTypes.join(', ');
      }
    }
  }
  for (const name of strict) Object.assign(schemas[name], { additionalProperties: false });
}

/** Builds the OpenAPI 3 document from the controllers, the DTOs and the chaincode's record schemas. */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Tongban gateway')
    .setDescription(
      "A city's gateway to the cross-province case network (跨省通办), over HTTPS. Each API key acts in one role of this city. " +
        "Partner cities' gateways call the /partner routes with mutual TLS instead (x-tongban-authentication: mutualTLS): " +
        "their TLS client certificate, which must chain to a TLS CA of their organisation in the channel's configuration. " +
        'Errors are application/problem+json with a stable `code`.',
    )
    .setVersion('1.0')
    .addApiKey({ type: 'apiKey', in: 'header', name: API_KEY_HEADER }, 'apiKey')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = { ...document.components, schemas: { ...RECORD_SCHEMAS, ...document.components?.schemas } };
  const gateway = app.get(ConfigService).get<GatewayConfig>('gateway') as GatewayConfig;
  describeCommonAnswers(document, gateway.materials.mediaTypes);
  describeRequestBodies(document, gateway.materials.mediaTypes);
  return document;
}

/** Serves the document at /openapi.json and Swagger UI at /docs, and tells the error filter the routes it names. */
export function setUpOpenApi(app: INestApplication): void {
  const document = buildOpenApi(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  app.get(KnownRoutes).load(document);
}
