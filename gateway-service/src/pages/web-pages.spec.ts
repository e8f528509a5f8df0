import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { serveWebPages } from './web-pages';

@Module({})
class NoRoutes {}

/** An app serving a page build from `dir`, and nothing else. */
async function appServing(dir: string): Promise<NestExpressApplication> {
  const app = (await Test.createTestingModule({ imports: [NoRoutes] }).compile()).createNestApplication<NestExpressApplication>({
    logger: false,
  });
  serveWebPages(app, dir);
  await app.init();
  return app;
}

describe('serving the web pages (verification page and console)', () => {
  it('serves each page’s index.html at its path, never cached, and their assets under /assets/, cached for good', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tongban-page-'));
    for (const folder of ['assets', 'verify', 'console']) mkdirSync(join(dir, folder));
    writeFileSync(join(dir, 'verify', 'index.html'), '<!doctype html><title>证照核验</title>');
    writeFileSync(join(dir, 'console', 'index.html'), '<!doctype html><title>工作台</title>');
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1);');
    const app = await appServing(dir);
    expect((await request(app.getHttpServer()).get('/console')).text).toContain('工作台');
    for (const path of ['/verify', '/verify/', '/verify?certificate=JY-1', '/console/']) {
      const page = await request(app.getHttpServer()).get(path);
      expect({ path, status: page.status, type: page.headers['content-type'], cache: page.headers['cache-control'] }).toEqual({
        path,
        status: 200,
        type: 'text/html; charset=utf-8',
        cache: 'no-cache',
      });
    }
    const asset = await request(app.getHttpServer()).get('/assets/index-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await request(app.getHttpServer()).get('/verify/index.html')).status).toBe(404);
    expect((await request(app.getHttpServer()).post('/verify')).status).toBe(404);
    await app.close();
  });

  it('serves nothing, and says so, when the pages are not built', async () => {
    const warn = jest.spyOn(Logger, 'warn').mockImplementation(() => undefined);
    const app = await appServing(join(tmpdir(), 'tongban-no-such-build'));
    expect((await request(app.getHttpServer()).get('/verify')).status).toBe(404);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('the page /verify is not built'), 'WebPages');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('the page /console is not built'), 'WebPages');
    warn.mockRestore();
    await app.close();
  });
});
