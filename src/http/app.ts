import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { HotReads } from '../services/cache/hot-reads';
import { createNotFoundHandler, onError, validationHook } from './errors';
import { createHttpMetrics } from './metrics';
import { observe } from './middleware/observe';
import { rateLimit } from './middleware/rate-limit';
import { storableQuery } from './middleware/storable-query';
import { buildOpenApiDocument, registerSecurityScheme } from './openapi';
import type { RouteDefaults } from './route';
import { registerApiKeyRoutes } from './routes/api-keys';
import { registerApplicantRoutes } from './routes/applicants';
import { registerAssessmentRoutes } from './routes/assessments';
import { registerAuditRoutes } from './routes/audit-events';
import { registerComparisonRoutes } from './routes/comparisons';
import { registerDocs } from './routes/docs';
import { registerInsurabilityRoutes } from './routes/insurability';
import { registerOrganizationRoutes } from './routes/organizations';
import { registerQuoteRoutes } from './routes/quotes';
import { registerRatingModelRoutes } from './routes/rating-models';
import { registerRegimeRoutes } from './routes/regimes';
import { registerScoreRoutes } from './routes/score';
import { registerSystemRoutes } from './routes/system';
import { registerVulnerabilityCatalogRoutes } from './routes/vulnerability-catalogs';
import type { App, AppDependencies, AppEnv } from './types';

/** Sub-apps share the same validation hook so every zod failure becomes the same 422 problem. */
export function createRouter(): App {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

/**
 * Builds the whole HTTP application around its dependencies, so tests build it in-process on their own database
 * and the server builds it once at start-up.
 */
export function createApp(deps: AppDependencies): App {
  const app = createRouter();
  const routeDefaults: RouteDefaults = {
    bodyLimitBytes: deps.config.BODY_LIMIT_BYTES,
    rateLimit: rateLimit(deps.config.RATE_LIMIT_PER_MINUTE, deps.config.RATE_LIMIT_BURST),
  };

  const resolved = { ...deps, reads: deps.reads ?? new HotReads() };
  app.use('*', requestId({ limitLength: 128 }));
  app.use('*', async (c, next) => {
    c.set('deps', resolved);
    await next();
  });
  app.use('*', observe(createHttpMetrics()));
  app.use('*', storableQuery);
  app.onError(onError);
  app.notFound(createNotFoundHandler(() => app.routes));

  registerSecurityScheme(app);
  registerSystemRoutes(app, routeDefaults);
  registerOrganizationRoutes(app, routeDefaults);
  registerApiKeyRoutes(app, routeDefaults);
  registerAuditRoutes(app, routeDefaults);
  registerApplicantRoutes(app, routeDefaults);
  registerAssessmentRoutes(app, routeDefaults);
  registerQuoteRoutes(app, routeDefaults);
  registerScoreRoutes(app, routeDefaults);
  registerComparisonRoutes(app, routeDefaults);
  registerInsurabilityRoutes(app, routeDefaults);
  registerRatingModelRoutes(app, routeDefaults);
  registerVulnerabilityCatalogRoutes(app, routeDefaults);
  registerRegimeRoutes(app, routeDefaults);

  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  registerDocs(app, () => {
    document ??= buildOpenApiDocument(app);
    return document;
  });
  return app;
}
