import type { CaseAction } from '@tongban/chaincode/domain';
import { ReactElement, useEffect, useId, useRef, useState } from 'react';
import { sha256OfFile } from '../shared/sha256';
import { ACTION_ROUTES, actionsFor, actorOf, CaseRecord, isOverdue, MaterialEntry, REASONED } from './cases';
import { useMessages } from './i18n';
import { MaterialUpload } from './MaterialUpload';
import { asProblem, cityName, ProblemNote, Show, submitted, useAction, useConsole, useLoaded, when } from './ui';
import { TextField } from '../shared/TextField';

/** A material of the case: fetched (from the receiving city, for the handling one), its SHA-256 checked here against the manifest. */
function MaterialRow({ caseId, material }: { caseId: string; material: MaterialEntry }): ReactElement {
  const { api } = useConsole();
  const messages = useMessages();
  const [fetched, setFetched] = useState<{ url: string } | { problem: ReturnType<typeof asProblem> }>();
  useEffect(
    () => () => {
      if (fetched && 'url' in fetched) URL.revokeObjectURL(fetched.url);
    },
    [fetched],
  );
  const fetchIt = async () => {
    try {
      const blob = await api.download(`/cases/${caseId}/materials/${material.sha256}`);
      const actual = await sha256OfFile(blob);
      if (actual !== material.sha256) throw new Error(`SHA-256 ${actual} ≠ ${material.sha256}`);
      setFetched({ url: URL.createObjectURL(blob) });
    } catch (error) {
      setFetched({ problem: asProblem(error) });
    }
  };
  return (
    <li>
      <span>{material.name}</span> <span className="muted">({Math.ceil(material.size / 1024)} KB)</span>{' '}
      {!fetched && (
        <button type="button" className="secondary" onClick={() => void fetchIt()}>
          {messages.fetchMaterial}：{material.name}
        </button>
      )}
      {fetched && 'url' in fetched && (
        <span className="verified">
          {messages.materialVerified(material.sha256)}{' '}
          <a href={fetched.url} target="_blank" rel="noreferrer">
            {messages.openMaterial}：{material.name}
          </a>
        </span>
      )}
      {fetched && 'problem' in fetched && <ProblemNote problem={fetched.problem} messages={messages} />}
    </li>
  );
}

/** The applicant's data, only on request (it is read from this city's private data, for the two cities of the case). */
function ApplicantBlock({ caseId }: { caseId: string }): ReactElement {
  const { api } = useConsole();
  const messages = useMessages();
  const [shown, setShown] = useState(false);
  const [applicant] = useLoaded(
    () => (shown ? api.get<Record<string, string>>(`/cases/${caseId}/applicant`) : Promise.resolve(undefined)),
    [caseId, shown],
  );
  if (!shown)
    return (
      <button type="button" className="secondary" onClick={() => setShown(true)}>
        {messages.showApplicant}
      </button>
    );
  return (
    <Show loaded={applicant}>
      {(value) =>
        value && (
          <dl className="facts">
            {(['name', 'idNumber', 'phone', 'address'] as const).map((field) => (
              <div key={field}>
                <dt>{messages.applicantFields[field]}</dt>
                <dd>{value[field]}</dd>
              </div>
            ))}
          </dl>
        )
      }
    </Show>
  );
}

/** The form of one action: a reason, supplementary materials or the result, as the action needs. */
function ActionForm({ record, action, onDone }: { record: CaseRecord; action: CaseAction; onDone: () => void }): ReactElement {
  const { api } = useConsole();
  const messages = useMessages();
  const { run, busy, note } = useAction();
  const [reason, setReason] = useState('');
  const [supplements, setSupplements] = useState<Record<string, MaterialEntry>>({});
  const [certificateNumber, setCertificateNumber] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [documentFile, setDocumentFile] = useState<File>();
  const path = `/cases/${record.id}/${ACTION_ROUTES[action]}`;
  const documentId = useId();

  const submit = () =>
    run(async (onStep) => {
      if (action === 'issueResult') {
        if (!documentFile) throw new Error(messages.required(messages.document));
        const documentSha256 = await sha256OfFile(documentFile);
        await api.write('POST', path, { certificateNumber, documentSha256, ...(expiresOn ? { expiresOn } : {}) }, onStep);
        // The document itself stays in this city's store; the ledger holds its hash.
        await api.upload('PUT', `/results/${certificateNumber}/document`, documentFile, () => undefined);
      } else if (action === 'supplement') {
        // The new manifest: every material of the last one, the ones handed in again replaced.
        await api.write('POST', path, { materials: record.manifest.materials.map((material) => supplements[material.name] ?? material) }, onStep);
      } else {
        await api.write('POST', path, REASONED.includes(action) ? { reason } : undefined, onStep);
      }
    }).then((ok) => ok && onDone());

  return (
    <form className="action-form" onSubmit={submitted(submit)}>
      {REASONED.includes(action) && (
        <TextField label={messages.reason} hint={messages.reasonHint} value={reason} onChange={setReason} required multiline />
      )}
      {action === 'supplement' &&
        record.manifest.materials.map((material) => (
          <MaterialUpload
            key={material.name}
            name={material.name}
            mandatory={false}
            onUploaded={(entry) => setSupplements((held) => ({ ...held, [entry.name]: entry }))}
          />
        ))}
      {action === 'issueResult' && (
        <>
          <TextField
            label={messages.certificateNumber}
            hint={messages.certificateHint}
            value={certificateNumber}
            onChange={setCertificateNumber}
            required
          />
          <TextField label={messages.expiresOn} value={expiresOn} onChange={setExpiresOn} type="date" />
          <div className="field">
            <label htmlFor={documentId}>{messages.document}</label>
            <input id={documentId} type="file" required onChange={(event) => setDocumentFile(event.target.files?.[0])} />
          </div>
        </>
      )}
      <button type="submit" disabled={busy}>
        {messages.actions[action]}
      </button>
      {note}
    </form>
  );
}

/** A case: its facts, materials, applicant (for its two cities), timeline, and what this member may do now. */
export function CasePanel({ caseId, onClose }: { caseId: string; onClose?: () => void }): ReactElement {
  const { api, city, cities } = useConsole();
  const messages = useMessages();
  const locale = document.documentElement.lang;
  const [loaded, reload] = useLoaded(() => api.get<CaseRecord>(`/cases/${caseId}`), [caseId]);
  const [chosen, setChosen] = useState<CaseAction>();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened, the case takes the focus: a keyboard or screen reader user lands on it.
  useEffect(() => heading.current?.focus(), [caseId]);

  return (
    <section className="case-panel" aria-labelledby={headingId}>
      <div className="panel-head">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {messages.caseId} {caseId}
        </h2>
        {onClose && (
          <button type="button" className="secondary" onClick={onClose}>
            {messages.close}
          </button>
        )}
      </div>
      <Show loaded={loaded}>
        {(record) => {
          const actions = actionsFor(record, city.mspId, api.session.role);
          const involved = record.receivingMsp === city.mspId || record.handlingMsp === city.mspId;
          return (
            <>
              <dl className="facts">
                <div>
                  <dt>{messages.status}</dt>
                  <dd className={`status status-${record.status}`}>{messages.statuses[record.status]}</dd>
                </div>
                <div>
                  <dt>{messages.serviceItem}</dt>
                  <dd>
                    {cityName(cities, record.serviceItem.ownerMsp)} / {record.serviceItem.code}
                  </dd>
                </div>
                <div>
                  <dt>{messages.receivingCity}</dt>
                  <dd>{cityName(cities, record.receivingMsp)}</dd>
                </div>
                <div>
                  <dt>{messages.handlingCity}</dt>
                  <dd>{cityName(cities, record.handlingMsp)}</dd>
                </div>
                <div>
                  <dt>{messages.receivedAt}</dt>
                  <dd>{when(record.receivedAt, locale)}</dd>
                </div>
                <div>
                  <dt>{messages.dueAt}</dt>
                  <dd className={isOverdue(record) ? 'overdue' : undefined}>
                    {when(record.dueAt, locale)} {isOverdue(record) && <strong>{messages.overdue}</strong>}
                  </dd>
                </div>
                {record.certificateNumber && (
                  <div>
                    <dt>{messages.certificateNumber}</dt>
                    <dd>
                      {record.certificateNumber}{' '}
                      <a href={`/verify?certificate=${encodeURIComponent(record.certificateNumber)}`}>{messages.verifyLink}</a>
                    </dd>
                  </div>
                )}
                {record.reason && (
                  <div>
                    <dt>{messages.reason}</dt>
                    <dd>{record.reason}</dd>
                  </div>
                )}
              </dl>
              {record.certificateNumber && <ResultQr number={record.certificateNumber} />}
              {record.certificateNumber && record.handlingMsp === city.mspId && api.session.role === 'reviewer' && (
                <DocumentUpload number={record.certificateNumber} />
              )}
              <h3>{messages.materials}</h3>
              <ul className="materials">
                {record.manifest.materials.map((material) => (
                  <MaterialRow key={`${material.name}-${material.sha256}`} caseId={record.id} material={material} />
                ))}
              </ul>
              {involved && api.session.role !== 'admin' && (
                <>
                  <h3>{messages.applicant}</h3>
                  <ApplicantBlock caseId={record.id} />
                </>
              )}
              {actions.length > 0 && (
                <div className="actions" role="group" aria-label={messages.availableActions}>
                  {actions.map((action) => (
                    <button
                      key={action}
                      type="button"
                      className={chosen === action ? 'chosen' : 'secondary'}
                      aria-pressed={chosen === action}
                      onClick={() => setChosen(action)}
                    >
                      {messages.actions[action]}
                    </button>
                  ))}
                </div>
              )}
              {chosen && actions.includes(chosen) && (
                <ActionForm
                  key={chosen}
                  record={record}
                  action={chosen}
                  onDone={() => {
                    setChosen(undefined);
                    reload();
                  }}
                />
              )}
              <h3>{messages.timeline}</h3>
              <ol className="timeline">
                {record.timeline.map((entry) => (
                  <li key={entry.txId}>
                    <span className="when">{when(entry.at, locale)}</span>{' '}
                    {messages.timelineEntry(
                      messages.actions[entry.action as CaseAction] ?? entry.action,
                      actorOf(entry.subject),
                      cityName(cities, entry.mspId),
                    )}
                    {entry.reason && <span className="muted">（{entry.reason}）</span>}
                  </li>
                ))}
              </ol>
            </>
          );
        }}
      </Show>
    </section>
  );
}

/**
 * The issued result's document, stored (again) in this city's store: issuing
 * uploads it, this is for when that upload did not get through. The store
 * takes only the file whose SHA-256 the ledger holds.
 */
function DocumentUpload({ number }: { number: string }): ReactElement {
  const { api } = useConsole();
  const messages = useMessages();
  const id = useId();
  const { run, note } = useAction();
  return (
    <div className="field">
      <label htmlFor={id}>{messages.uploadDocument}</label>
      <input
        id={id}
        type="file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void run(() => api.upload('PUT', `/results/${number}/document`, file, () => undefined));
        }}
      />
      {note}
    </div>
  );
}

/** The verification QR code of an issued result, as the gateway draws it. */
function ResultQr({ number }: { number: string }): ReactElement {
  const { api } = useConsole();
  const messages = useMessages();
  const [svg] = useLoaded(async () => URL.createObjectURL(await api.download(`/results/${number}/qr.svg`)), [number], false);
  useEffect(
    () => () => {
      if (svg.state === 'loaded') URL.revokeObjectURL(svg.value);
    },
    [svg],
  );
  return <Show loaded={svg}>{(url) => <img className="qr" src={url} alt={messages.qrCode(number)} width={160} height={160} />}</Show>;
}
