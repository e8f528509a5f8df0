import fc from 'fast-check';
import { DomainError } from '@tongban/chaincode/domain';
import { readCreateWebhookRequest, WEBHOOK_URL_RULE } from './webhooks.dto';

describe('webhook requests', () => {
  it('takes every address the documented pattern admits as a URL (so a valid-looking request is never refused)', () => {
    fc.assert(
      // stringMatching's maxLength is a hint, not a bound: the schema's maxLength is applied here.
      fc.property(
        fc.stringMatching(WEBHOOK_URL_RULE.pattern as RegExp).filter((url) => url.length <= WEBHOOK_URL_RULE.max),
        (url) => {
          expect(readCreateWebhookRequest({ url }).url).toBe(url);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([
    '',
    'ftp://hall.example/',
    'http://999.1.1.1/',
    'http://xn--A.a/',
    'http://hall.example:70000/',
    'javascript:alert(1)',
    'http://hall example/',
  ])('refuses %j as an http(s) URL', (url) => {
    expect(() => readCreateWebhookRequest({ url })).toThrow(DomainError);
  });

  it('reads the filter and refuses unknown fields, naming them', () => {
    expect(readCreateWebhookRequest({ url: 'http://127.0.0.1:9000/events', names: ['case.accept'], fromBlock: 3 })).toEqual({
      url: 'http://127.0.0.1:9000/events',
      names: ['case.accept'],
      caseId: undefined,
      city: undefined,
      fromBlock: 3,
    });
    expect(() => readCreateWebhookRequest({ url: 'http://a.example/', secret: 'x' })).toThrow('secret is not a known field');
    expect(() => readCreateWebhookRequest({ url: 'http://a.example/', names: ['Case.Accept'] })).toThrow('names[0] must be an event name');
  });
});
