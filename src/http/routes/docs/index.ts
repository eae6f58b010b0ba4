import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Scalar } from '@scalar/hono-api-reference';
import type { App } from '../../types';

const STANDALONE_PATH = '/docs/standalone.js';

let standaloneBundle: Promise<Buffer> | undefined;

/**
 * The reference page's script is served by this process: the docs package loads it from a CDN by default, which
 * leaves a blank page on a closed network. Read once, on first request, not at start-up (it is about 4 MB).
 */
function loadStandaloneBundle(): Promise<Buffer> {
  standaloneBundle ??= readFile(fileURLToPath(import.meta.resolve('@scalar/api-reference/browser/standalone.js')));
  return standaloneBundle;
}

/** `/openapi.json` and `/docs` are the public allow-list outside the OpenAPI document itself. */
export function registerDocs(app: App, document: () => unknown): void {
  app.get('/openapi.json', (c) => c.json(document()));
  app.get(STANDALONE_PATH, async (c) =>
    c.body(new Uint8Array(await loadStandaloneBundle()), 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=86400',
    }),
  );
  app.get(
    '/docs',
    Scalar({
      url: '/openapi.json',
      cdn: STANDALONE_PATH,
      pageTitle: 'IoT Cyber Underwriting API',
      withDefaultFonts: false,
    }),
  );
}

export const PUBLIC_UNDOCUMENTED_ROUTES = ['/openapi.json', '/docs', STANDALONE_PATH] as const;
