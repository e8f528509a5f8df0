import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where people open the public verification page; its QR codes link here. */
export const VERIFY_PAGE_PATH = '/verify';
/** Where the city's staff open their console. */
export const CONSOLE_PATH = '/console';

/** The pages' build (gateway-service/web/dist): two folders up from this file, in src/ as in dist/. */
export const WEB_PAGES_DIR = resolve(__dirname, '../../web/dist');

/**
 * Serves the pages' build: each page's index.html at its path (never cached,
 * so a new build is seen at once) and their shared hashed assets under
 * /assets/ (cached for good). Nothing else is served and nothing is fetched
 * from elsewhere. A page not built answers 404, with a warning at start.
 */
export function serveWebPages(app: NestExpressApplication, dir = WEB_PAGES_DIR): void {
  app.useStaticAssets(join(dir, 'assets'), { prefix: '/assets/', index: false, immutable: true, maxAge: '365d' });
  for (const path of [VERIFY_PAGE_PATH, CONSOLE_PATH]) {
    const index = join(dir, path, 'index.html');
    if (!existsSync(index)) {
      Logger.warn(`the page ${path} is not built (${index} is missing): it answers 404`, 'WebPages');
      continue;
    }
    app.use(path, (request: Request, response: Response, next: NextFunction) => {
      if ((request.method === 'GET' || request.method === 'HEAD') && request.path === '/') {
        response.setHeader('Cache-Control', 'no-cache');
        response.sendFile(index);
        return;
      }
      next();
    });
  }
}
