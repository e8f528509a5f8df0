import { ReactElement, useEffect, useState } from 'react';
import { AdminScreen } from './AdminScreen';
import { Api, enrol, forgetIdentity, Session, signIn } from './api';
import { AuditorScreen } from './AuditorScreen';
import { CasePanel } from './CasePanel';
import { ClerkScreen } from './ClerkScreen';
import { initialLocale, Locale, Messages, MESSAGES, MessagesContext, rememberLocale } from './i18n';
import { Identity, listIdentities } from './keys';
import { ReviewerScreen } from './ReviewerScreen';
import { asProblem, City, ConsoleContext, submitted, useAction, when } from './ui';
import { TextField } from '../shared/TextField';

interface Cities {
  self: City;
  partners: City[];
}

/** Sign in with an identity kept in this browser, or enrol a new one with the one-time secret. */
function SignIn({ onSignedIn, messages }: { onSignedIn: (identity: Identity, session: Session) => void; messages: Messages }): ReactElement {
  const [identities, setIdentities] = useState<Identity[]>();
  const [staffId, setStaffId] = useState('');
  const [secret, setSecret] = useState('');
  const [enrolled, setEnrolled] = useState<string>();
  const { run, busy, note } = useAction();
  const reload = () => void listIdentities().then(setIdentities);
  useEffect(reload, []);
  if (!window.isSecureContext) return <p className="problem">{messages.noWebCrypto}</p>;
  return (
    <div className="screen sign-in">
      <section aria-labelledby="sign-in-heading">
        <h2 id="sign-in-heading">{messages.signInHeading}</h2>
        <h3>{messages.storedIdentities}</h3>
        {identities?.length === 0 && <p>{messages.noStoredIdentities}</p>}
        <ul className="identities">
          {identities?.map((identity) => (
            <li key={identity.staffId}>
              <button type="button" disabled={busy} onClick={() => void run(async () => onSignedIn(identity, await signIn(identity)))}>
                {messages.signInAs(identity.staffId)}
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  if (window.confirm(messages.confirmForget(identity.staffId))) void forgetIdentity(identity.staffId).then(reload);
                }}
              >
                {messages.forget(identity.staffId)}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="enrol-heading">
        <h2 id="enrol-heading">{messages.enrolHeading}</h2>
        <p>{messages.enrolIntro}</p>
        <form
          onSubmit={submitted(() =>
            run(async () => {
              const identity = await enrol(staffId.trim(), secret);
              setSecret('');
              setEnrolled(messages.enrolled(identity.staffId));
              reload();
            }),
          )}
        >
          <TextField label={messages.staffId} hint={messages.staffIdHint} value={staffId} onChange={setStaffId} required />
          <TextField label={messages.secret} hint={messages.secretHint} value={secret} onChange={setSecret} type="password" required />
          <button type="submit" disabled={busy}>
            {messages.enrol}
          </button>
        </form>
      </section>
      {note}
      {enrolled && (
        <p className="done" role="status">
          {enrolled}
        </p>
      )}
    </div>
  );
}

interface Change {
  caseId: string;
  name: string;
  at: number;
}

/**
 * The staff console: sign-in, then the screen of the member's role, with the
 * cases other cities change appearing as they change (the gateway's event stream).
 */
export function Console(): ReactElement {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [signedIn, setSignedIn] = useState<{ api: Api }>();
  const [cities, setCities] = useState<Cities | 'unavailable'>();
  const [changes, setChanges] = useState<Change[]>([]);
  const [live, setLive] = useState(false);
  const [opened, setOpened] = useState<string>();
  const messages = MESSAGES[locale];

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `${messages.console} · ${messages.service}`;
  }, [locale, messages]);

  useEffect(() => {
    fetch('/public/cities')
      .then((response) => (response.ok ? (response.json() as Promise<Cities>) : Promise.reject(new Error(response.statusText))))
      .then(setCities, () => setCities('unavailable'));
  }, []);

  // Follows the event stream while signed in; after a loss, reconnects and resumes after the last event seen.
  // A refused stream (the session ended) signs out.
  useEffect(() => {
    if (!signedIn || !cities || cities === 'unavailable') return;
    const abort = new AbortController();
    let lastId: string | undefined;
    const follow = async () => {
      while (!abort.signal.aborted) {
        try {
          await signedIn.api.follow(
            {
              onOpen: () => setLive(true),
              onEvent: (event, id) => {
                lastId = id ?? lastId;
                const caseId = event.payload.caseId;
                if (caseId)
                  setChanges((held) =>
                    [{ caseId, name: event.name, at: Date.now() }, ...held.filter((change) => change.caseId !== caseId)].slice(0, 20),
                  );
              },
            },
            abort.signal,
            cities.self.mspId,
            lastId,
          );
        } catch (error) {
          if (asProblem(error).status === 401) {
            setSignedIn(undefined);
            return;
          }
        }
        setLive(false);
        await new Promise((resolve) => setTimeout(resolve, 3000));
      }
    };
    void follow();
    return () => abort.abort();
  }, [signedIn, cities]);

  const switchLocale = () => {
    const next = locale === 'zh-CN' ? 'en' : 'zh-CN';
    rememberLocale(next);
    setLocale(next);
  };
  const session = signedIn?.api.session;
  const known = cities && cities !== 'unavailable' ? cities : undefined;
  const allCities = known ? [known.self, ...known.partners] : [];

  return (
    <MessagesContext.Provider value={messages}>
      <header className="site-header">
        <p className="brand">
          {messages.service} · {messages.console}
          {known && ` · ${known.self.name}`}
        </p>
        <div className="header-tools">
          {session && <span>{messages.signedInAs(session.name, messages.roles[session.role])}</span>}
          <button type="button" className="secondary" lang={locale === 'zh-CN' ? 'en' : 'zh-CN'} onClick={switchLocale}>
            {messages.otherLanguage}
          </button>
          {signedIn && (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                void signedIn.api.signOut().finally(() => setSignedIn(undefined));
              }}
            >
              {messages.signOut}
            </button>
          )}
        </div>
      </header>
      <main>
        <h1>{session ? messages.roles[session.role] : messages.signInHeading}</h1>
        {cities === 'unavailable' && <p className="problem">{messages.citiesUnavailable}</p>}
        {!signedIn || !known ? (
          <SignIn messages={messages} onSignedIn={(identity, newSession) => setSignedIn({ api: new Api(newSession, identity) })} />
        ) : (
          <ConsoleContext.Provider
            value={{ api: signedIn.api, city: known.self, cities: allCities, changes: changes.length === 0 ? 0 : changes[0].at }}
          >
            <p className={live ? 'live on' : 'live off'}>{live ? messages.liveOn : messages.liveOff}</p>
            {changes.length > 0 && (
              <section aria-labelledby="changes-heading" className="changes">
                <h2 id="changes-heading">{messages.recentChanges}</h2>
                <ul aria-live="polite">
                  {changes.map((change) => (
                    <li key={change.caseId}>
                      <button type="button" className="link" onClick={() => setOpened(change.caseId)}>
                        {messages.updated(change.caseId)}
                      </button>{' '}
                      <span className="muted">
                        {change.name} · {when(new Date(change.at).toISOString(), locale)}
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {opened && <CasePanel key={opened} caseId={opened} onClose={() => setOpened(undefined)} />}
            {session?.role === 'clerk' && <ClerkScreen />}
            {session?.role === 'reviewer' && <ReviewerScreen />}
            {session?.role === 'admin' && <AdminScreen />}
            {session?.role === 'auditor' && <AuditorScreen />}
          </ConsoleContext.Provider>
        )}
      </main>
    </MessagesContext.Provider>
  );
}
