import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where people open the public verification page; its QR codes link here. */
export const VERIFY_PAGE_PATH = '/verify';

/** The page's build (gateway-service/web/dist): two folders up from this file, in src/ as in dist/. */
export const VERIFY_PAGE_DIR = resolve(__dirname, '../../web/dist');

/**
 * Serves the page's build: index.html at /verify (never cached, so a new
 * build is seen at once) and its hashed assets under /verify/assets/ (cached
 * for good). Nothing else is served and nothing is fetched from elsewhere.
 */
export function serveVerifyPage(app: NestExpressApplication, dir = VERIFY_PAGE_DIR): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    Logger.warn(`the verification page is not built (${index} is missing): ${VERIFY_PAGE_PATH} answers 404`, 'VerifyPage');
    return;
  }
  app.useStaticAssets(join(dir, 'assets'), { prefix: `${VERIFY_PAGE_PATH}/assets/`, index: false, immutable: true, maxAge: '365d' });
  app.use(VERIFY_PAGE_PATH, (request: Request, response: Response, next: NextFunction) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && request.path === '/') {
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(index);
      return;
    }
    next();
  });
}
