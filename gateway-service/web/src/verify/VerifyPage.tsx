import { ChangeEvent, FormEvent, ReactElement, useEffect, useId, useRef, useState } from 'react';
import { initialLocale, Locale, Messages, MESSAGES } from './i18n';
import { canHashFiles, sha256OfFile } from '../shared/sha256';
import { Field, Outcome, verifyDocument } from './verification-api';
import { TextField } from '../shared/TextField';
import { VerdictPanel } from './VerdictPanel';

type FieldErrors = Partial<Record<Field, string>>;

/** The message for an answer that is not a verdict, by the field it names or what went wrong. */
function refusalMessage(outcome: Exclude<Outcome, { kind: 'verdict' }>, messages: Messages): string {
  switch (outcome.kind) {
    case 'invalid':
      return outcome.field === 'certificate' ? messages.errors.certificateInvalid : messages.errors.sha256Invalid;
    case 'rateLimited':
      return messages.errors.rateLimited(outcome.retryAfterSeconds);
    case 'unavailable':
      return messages.errors.unavailable;
  }
}

/**
 * 证照核验: a certificate number (prefilled from ?certificate=, the QR code's
 * link) and the document's SHA-256, computed here from the picked file or
 * pasted; the verdict is announced through a live region.
 */
export function VerifyPage(): ReactElement {
  const query = new URLSearchParams(window.location.search);
  const [locale, setLocale] = useState<Locale>(initialLocale(window.location.search));
  const [certificate, setCertificate] = useState(query.get('certificate') ?? '');
  const [sha256, setSha256] = useState('');
  const [fileNote, setFileNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState(false);
  const certificateInput = useRef<HTMLInputElement>(null);
  const sha256Input = useRef<HTMLInputElement>(null);
  const ids = useId();
  const messages = MESSAGES[locale];

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `${messages.title} · ${messages.service}`;
  }, [locale, messages]);

  const pickFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    if (!file) return;
    if (!canHashFiles()) {
      setFileNote(messages.noWebCrypto);
      return;
    }
    setFileNote(messages.hashing);
    setSha256(await sha256OfFile(file));
    setErrors(({ sha256: _, ...rest }) => rest);
    setFileNote(messages.hashedFile(file.name));
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const number = certificate.trim();
    const hash = sha256.trim().toLowerCase();
    const missing: FieldErrors = {
      ...(number === '' ? { certificate: messages.errors.certificateRequired } : {}),
      ...(hash === '' ? { sha256: messages.errors.sha256Required } : {}),
    };
    setErrors(missing);
    if (missing.certificate || missing.sha256) {
      (missing.certificate ? certificateInput : sha256Input).current?.focus();
      return;
    }
    setBusy(true);
    setOutcome(undefined);
    const answer = await verifyDocument(number, hash);
    setBusy(false);
    if (answer.kind === 'invalid') {
      setErrors({ [answer.field]: refusalMessage(answer, messages) });
      (answer.field === 'certificate' ? certificateInput : sha256Input).current?.focus();
      return;
    }
    setOutcome(answer);
  };

  return (
    <>
      <header className="site-header">
        <p className="site-name">{messages.service}</p>
        <button
          type="button"
          className="language"
          lang={locale === 'en' ? 'zh-CN' : 'en'}
          onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
        >
          {messages.otherLanguage}
        </button>
      </header>
      <main className="page">
        <h1>{messages.title}</h1>
        <p className="intro">{messages.intro}</p>
        <form noValidate onSubmit={(event) => void submit(event)}>
          <TextField
            label={messages.certificateLabel}
            hint={messages.certificateHint}
            error={errors.certificate}
            name="certificate"
            value={certificate}
            onChange={setCertificate}
            inputRef={certificateInput}
          />
          <div className="field">
            <label htmlFor={`${ids}-file`}>{messages.fileLabel}</label>
            <p className="hint" id={`${ids}-file-hint`}>
              {messages.fileHint}
            </p>
            <input
              id={`${ids}-file`}
              name="file"
              type="file"
              onChange={(event) => void pickFile(event)}
              aria-describedby={`${ids}-file-hint ${ids}-file-note`}
            />
            <p className="file-note" id={`${ids}-file-note`} aria-live="polite">
              {fileNote}
            </p>
          </div>
          <TextField
            label={messages.sha256Label}
            hint={messages.sha256Hint}
            error={errors.sha256}
            name="documentSha256"
            value={sha256}
            onChange={setSha256}
            inputRef={sha256Input}
            className="sha256"
          />
          <button type="submit" className="submit" aria-disabled={busy}>
            {busy ? messages.checking : messages.submit}
          </button>
        </form>
        <section className="result" aria-labelledby={`${ids}-result-heading`}>
          <h2 id={`${ids}-result-heading`} className={outcome ? undefined : 'visually-hidden'}>
            {messages.resultHeading}
          </h2>
          <div role="status" aria-live="polite" aria-atomic="true">
            {outcome?.kind === 'verdict' && <VerdictPanel verdict={outcome.verdict} messages={messages} locale={locale} />}
            {outcome && outcome.kind !== 'verdict' && <p className="notice">{refusalMessage(outcome, messages)}</p>}
          </div>
        </section>
        <p className="privacy">{messages.privacy}</p>
      </main>
    </>
  );
}
