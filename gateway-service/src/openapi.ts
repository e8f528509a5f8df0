import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_HEADER } from './common/auth/api-key.guard';
import { KnownRoutes } from './common/known-routes';

/** Builds the OpenAPI 3 document from the controllers and DTOs. */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Tongban gateway')
    .setDescription(
      "A city's gateway to the cross-province case network (跨省通办). Each API key acts in one role of this city. " +
        'Errors are application/problem+json with a stable `code`.',
    )
    .setVersion('1.0')
    .addApiKey({ type: 'apiKey', in: 'header', name: API_KEY_HEADER }, 'apiKey')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Serves the document at /openapi.json and Swagger UI at /docs, and tells the error filter the routes it names. */
export function setUpOpenApi(app: INestApplication): void {
  const document = buildOpenApi(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  app.get(KnownRoutes).load(document);
}
