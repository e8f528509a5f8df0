import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { serveVerifyPage } from './verify-page';

@Module({})
class NoRoutes {}

/** An app serving a page build from `dir`, and nothing else. */
async function appServing(dir: string): Promise<NestExpressApplication> {
  const app = (await Test.createTestingModule({ imports: [NoRoutes] }).compile()).createNestApplication<NestExpressApplication>({
    logger: false,
  });
  serveVerifyPage(app, dir);
  await app.init();
  return app;
}

describe('serving the verification page', () => {
  it('serves index.html at /verify, never cached, and its assets under /verify/assets/, cached for good', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tongban-page-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>证照核验</title>');
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1);');
    const app = await appServing(dir);
    for (const path of ['/verify', '/verify/', '/verify?certificate=JY-1']) {
      const page = await request(app.getHttpServer()).get(path);
      expect({ path, status: page.status, type: page.headers['content-type'], cache: page.headers['cache-control'] }).toEqual({
        path,
        status: 200,
        type: 'text/html; charset=utf-8',
        cache: 'no-cache',
      });
    }
    const asset = await request(app.getHttpServer()).get('/verify/assets/index-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await request(app.getHttpServer()).get('/verify/index.html')).status).toBe(404);
    expect((await request(app.getHttpServer()).post('/verify')).status).toBe(404);
    await app.close();
  });

  it('serves nothing, and says so, when the page is not built', async () => {
    const warn = jest.spyOn(Logger, 'warn').mockImplementation(() => undefined);
    const app = await appServing(join(tmpdir(), 'tongban-no-such-build'));
    expect((await request(app.getHttpServer()).get('/verify')).status).toBe(404);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('the verification page is not built'), 'VerifyPage');
    warn.mockRestore();
    await app.close();
  });
});
