import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { RESPONSE_SCHEMAS } from './response.schemas';

export const BEARER_SCHEME = 'bearer';

type OpenApiSchemas = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>;

/**
 * The OpenAPI document of the API (served at /api/docs, its JSON at /api/docs-json). Every operation may carry an
 * API token (`Authorization: Bearer rsw_…`): writes need one once a token exists (or with REGSWEEP_REQUIRE_AUTH),
 * reads only with REGSWEEP_READ_ACCESS=token. Hence the global requirement "bearer, or nothing", which the
 * health check overrides with "nothing".
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('regsweep')
    .setDescription(
      'Regularization sweeps: penalty type and λ over train/validation splits, with overfitting diagnostics. ' +
        'Every refusal answers `{statusCode, message, errors: [{path, message}]}`.',
    )
    .setVersion('0.1.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('http://127.0.0.1:3000', 'the default `regsweep serve`')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'an API token from `regsweep tokens create` (rsw_<id>_<secret>)' },
      BEARER_SCHEME,
    )
    .addSecurityRequirements(BEARER_SCHEME)
    .addTag('datasets', 'CSV datasets: built-ins and uploads, each upload of a name a new version')
    .addTag('sweeps', 'sweeps of penalty and λ: submit, follow, read trials and the report, cancel')
    .addTag('schedules', 'cron schedules that submit a sweep config at every tick')
    .addTag('health', 'liveness and the database round trip')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  // "A token, or none": the empty requirement makes the token optional where the server's settings allow.
  document.security = [{ [BEARER_SCHEME]: [] }, {}];
  const health = document.paths['/api/health']?.get;
  if (health) health.security = []; // liveness probes never need a token
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...(RESPONSE_SCHEMAS as OpenApiSchemas) },
  };
  return document;
}
