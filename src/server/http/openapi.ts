import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { VERSION } from '../config.ts';

/**
 * OpenAPI 3 generated from the routes' zod schemas: the JSON at /api/openapi.json and a readable
 * page at /api/docs (Swagger UI served from this server, no external validator or CDN).
 */
export async function installOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'MinQing API',
        description:
          'MinQing (民情): visits to households and enterprises and closed-loop handling of residents’ concerns. ' +
          'Errors are application/problem+json with a stable `code` (see docs/errors.md).',
        version: VERSION,
        license: { name: 'Apache-2.0' },
      },
      servers: [],
      tags: [
        { name: 'system', description: 'Health, readiness and metadata' },
        { name: 'regions', description: 'The hierarchy of the territory' },
        { name: 'auth', description: 'Signing in and out' },
        { name: 'households', description: 'Households and their members' },
        { name: 'enterprises', description: 'Enterprises and their contacts' },
        { name: 'audit', description: 'The audit log (auditors only)' },
        { name: 'users', description: 'Accounts and role grants (security administrators)' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { validatorUrl: null, deepLinking: true },
    staticCSP: false,
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
