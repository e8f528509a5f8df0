import type { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import type { OpenAPIObject, OperationObject, ParameterObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { CASE_STATUSES, SHA256_RULE } from '@tongban/chaincode/domain';
import request from 'supertest';
import { createTestApp, FakeLedger } from '../../test/support/test-app';

describe('the OpenAPI document', () => {
  let app: INestApplication<Server>;
  let document: OpenAPIObject;
  const operations = (): [string, OperationObject][] =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      (['get', 'put', 'post', 'delete'] as const).flatMap((method) => (item[method] ? [[`${method.toUpperCase()} ${path}`, item[method]]] : [])),
    ) as [string, OperationObject][];
  const responses = (operation: OperationObject) => operation.responses as Record<string, ResponseObject>;

  beforeAll(async () => {
    app = await createTestApp(new FakeLedger());
    document = (await request(app.getHttpServer()).get('/openapi.json')).body as OpenAPIObject;
  });

  afterAll(() => app.close());

  it('describes the success answer of every operation, with a schema wherever it has a body', () => {
    for (const [name, operation] of operations()) {
      const successes = Object.entries(responses(operation)).filter(([status]) => status.startsWith('2'));
      expect({ name, successes: successes.length > 0 }).toEqual({ name, successes: true });
      for (const [status, response] of successes) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          expect({ name, status, type, schema: media.schema !== undefined }).toEqual({ name, status, type, schema: true });
        }
      }
    }
  });

  it('describes the refusals every route can give as problem+json: rate limit, unavailable, and the key for secured ones', () => {
    for (const [name, operation] of operations()) {
      const statuses = Object.keys(responses(operation));
      const expected = ['429', '503', ...(operation.security?.length ? ['401', '403'] : [])];
      expect({ name, missing: expected.filter((status) => !statuses.includes(status)) }).toEqual({ name, missing: [] });
      expect(responses(operation)['429'].content).toHaveProperty(['application/problem+json']);
    }
  });

  it('describes the public verification without API key security, refusing bad input with codes naming the field', () => {
    const verification = document.paths['/public/results/{certificateNumber}/verification'].get as OperationObject;
    expect(verification.security ?? []).toEqual([]);
    expect(responses(verification)['400'].description).toContain('INVALID_DOCUMENT_SHA256');
    expect(responses(verification)['200'].content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/PublicVerdictDto' });
    const qr = document.paths['/results/{certificateNumber}/qr.svg'].get as OperationObject;
    expect(qr.security).toEqual([{ apiKey: [] }]);
    expect(Object.keys(responses(qr)['200'].content ?? {})).toEqual(['image/svg+xml']);
  });

  it('describes the partner routes as mutual TLS without API key, with the codes of each certificate refusal', () => {
    for (const path of ['/partner/cases/{id}/materials/{sha256}', '/partner/results/{certificateNumber}/document']) {
      const operation = document.paths[path].get as OperationObject & { 'x-tongban-authentication'?: string };
      expect(operation.security ?? []).toEqual([]);
      expect(operation['x-tongban-authentication']).toBe('mutualTLS');
      expect(operation.description).toContain('TLS client certificate. It must chain (signatures, validity dates, CA flags) to a TLS root');
      for (const code of [
        'CLIENT_CERTIFICATE_REQUIRED',
        'CLIENT_CERTIFICATE_UNTRUSTED',
        'CLIENT_CERTIFICATE_EXPIRED',
        'CLIENT_CERTIFICATE_INVALID',
      ]) {
        expect(responses(operation)['401'].description).toContain(code);
      }
      expect(responses(operation)['403'].description).toContain('PARTNER_IS_OWN_CITY');
      expect(responses(operation)['401'].content).toHaveProperty(['application/problem+json']);
    }
    expect(Object.keys(document.components?.securitySchemes ?? {})).toEqual(['apiKey']);
  });

  it('offers Prefer: respond-async (202) on every ledger write and on nothing else', () => {
    const asynchronous = operations()
      .filter(([, operation]) => ((operation.parameters ?? []) as ParameterObject[]).some((parameter) => parameter.name === 'Prefer'))
      .map(([name, operation]) => {
        expect(responses(operation)).toHaveProperty('202');
        return name;
      });
    expect(asynchronous).toEqual(expect.arrayContaining(['POST /cases', 'POST /cases/{id}/acceptance', 'PUT /catalogue/{ownerMsp}/items/{code}']));
    expect(asynchronous.filter((name) => name.startsWith('GET') || name.includes('webhooks') || name.includes('materials'))).toEqual([]);
  });

  it("takes the records' schemas from the chaincode, with their required fields and enumerations", () => {
    const record = document.components?.schemas?.CaseRecord as { required: string[]; properties: Record<string, { enum?: string[] }> };
    expect(record.required).toEqual(expect.arrayContaining(['id', 'status', 'timeline']));
    expect(record.required).not.toContain('certificateNumber');
    expect(record.properties.status.enum).toEqual([...CASE_STATUSES]);
    const received = responses(document.paths['/cases'].post as OperationObject)['201'];
    expect(received.content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/CaseRecord' });
    expect(received.headers).toHaveProperty('Location');
  });

  it('states the limits the readers check: unknown body fields refused, parameter patterns', () => {
    expect(document.components?.schemas?.ReceiveCaseDto).toMatchObject({ additionalProperties: false });
    const material = (document.paths['/cases/{id}/materials/{sha256}'].get?.parameters ?? []) as ParameterObject[];
    expect(material.find((parameter) => parameter.name === 'sha256')?.schema).toMatchObject({ pattern: SHA256_RULE.pattern.source });
  });
});
