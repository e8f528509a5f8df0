import { ReactElement, useState } from 'react';
import { Agreement, MaterialEntry, ServiceItem } from './cases';
import { CasePanel } from './CasePanel';
import { CaseList } from './CaseTable';
import { useMessages } from './i18n';
import { MaterialUpload } from './MaterialUpload';
import { cityName, Select, Show, submitted, useAction, useConsole, useLoaded } from './ui';
import { TextField } from '../shared/TextField';

/** A new case number: the city's prefix, the date and a random part, which the clerk may change. */
const newCaseId = (mspId: string) =>
  `${mspId.replace(/MSP$/, '').slice(0, 2).toUpperCase()}-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${crypto.getRandomValues(new Uint32Array(1))[0].toString(36).toUpperCase()}`;

/** 受理: pick an item of a partner city under an active agreement, enter the applicant, upload the materials, receive. */
function ReceiveForm({ onReceived }: { onReceived: (id: string) => void }): ReactElement {
  const { api, city, cities } = useConsole();
  const messages = useMessages();
  const { run, busy, note } = useAction();
  const [agreements] = useLoaded(() => api.get<Agreement[]>('/agreements'), []);
  const [agreementId, setAgreementId] = useState('');
  const [itemKey, setItemKey] = useState('');
  const [caseId, setCaseId] = useState(() => newCaseId(city.mspId));
  const [applicant, setApplicant] = useState({ name: '', idNumber: '', phone: '', address: '' });
  const [materials, setMaterials] = useState<Record<string, MaterialEntry>>({});
  const [ownerMsp, code] = itemKey.split('/');
  const [item] = useLoaded(() => (itemKey ? api.get<ServiceItem>(`/catalogue/${ownerMsp}/items/${code}`) : Promise.resolve(undefined)), [itemKey]);

  return (
    <Show loaded={agreements}>
      {(all) => {
        const active = all.filter((agreement) => agreement.status === 'ACTIVE');
        const agreement = active.find((candidate) => candidate.id === agreementId);
        const items = (agreement?.serviceItems ?? []).filter((candidate) => candidate.ownerMsp !== city.mspId);
        const required = item.state === 'loaded' ? (item.value?.materials ?? []) : [];
        const missing = required.filter((material) => material.mandatory && !materials[material.name]).map((material) => material.name);
        const set = (field: keyof typeof applicant) => (value: string) => setApplicant((held) => ({ ...held, [field]: value }));
        const submit = () =>
          run((onStep) =>
            api.write(
              'POST',
              '/cases',
              { id: caseId, agreementId, serviceItem: { ownerMsp, code }, materials: Object.values(materials), applicant },
              onStep,
            ),
          ).then((ok) => {
            if (ok) onReceived(caseId);
          });
        if (active.length === 0) return <p>{messages.noAgreements}</p>;
        return (
          <form className="receive-form" onSubmit={submitted(submit)}>
            <Select
              label={messages.agreement}
              value={agreementId}
              onChange={(value) => {
                setAgreementId(value);
                setItemKey('');
              }}
              placeholder={messages.chooseAgreement}
              options={active.map((candidate) => ({ value: candidate.id, label: `${candidate.title}（${candidate.id}）` }))}
            />
            {agreement && (
              <Select
                label={messages.serviceItem}
                value={itemKey}
                onChange={(value) => {
                  setItemKey(value);
                  setMaterials({});
                }}
                placeholder={messages.chooseItem}
                options={items.map((candidate) => ({
                  value: `${candidate.ownerMsp}/${candidate.code}`,
                  label: `${cityName(cities, candidate.ownerMsp)} · ${candidate.code}`,
                }))}
              />
            )}
            {item.state === 'loaded' && item.value && (
              <>
                <p className="item-summary">
                  {item.value.name} · {messages.promisedDays} {item.value.promisedDays}
                </p>
                <TextField label={messages.caseId} value={caseId} onChange={setCaseId} required />
                <fieldset>
                  <legend>{messages.applicant}</legend>
                  <TextField label={messages.applicantName} value={applicant.name} onChange={set('name')} required />
                  <TextField label={messages.idNumber} value={applicant.idNumber} onChange={set('idNumber')} required />
                  <TextField label={messages.phone} value={applicant.phone} onChange={set('phone')} type="tel" required />
                  <TextField label={messages.address} value={applicant.address} onChange={set('address')} required />
                </fieldset>
                <fieldset>
                  <legend>{messages.materials}</legend>
                  {required.map((material) => (
                    <MaterialUpload
                      key={`${itemKey}-${material.name}`}
                      name={material.name}
                      mandatory={material.mandatory}
                      onUploaded={(entry) => setMaterials((held) => ({ ...held, [entry.name]: entry }))}
                    />
                  ))}
                  <p className={missing.length > 0 ? 'missing' : 'complete'} role="status">
                    {missing.length > 0 ? messages.missing(missing.join('、')) : messages.allPresent}
                  </p>
                </fieldset>
                <button type="submit" disabled={busy || missing.length > 0}>
                  {messages.receiveButton}
                </button>
              </>
            )}
            {note}
          </form>
        );
      }}
    </Show>
  );
}

/** The service hall's counter: receive applications, and follow this city's received cases. */
export function ClerkScreen(): ReactElement {
  const { city } = useConsole();
  const messages = useMessages();
  const [open, setOpen] = useState<string>();
  // Each receipt starts a blank form for the next applicant.
  const [receipts, setReceipts] = useState(0);
  return (
    <div className="screen">
      <section aria-labelledby="receive-heading">
        <h2 id="receive-heading">{messages.clerkHeading}</h2>
        <ReceiveForm
          key={receipts}
          onReceived={(id) => {
            setOpen(id);
            setReceipts((count) => count + 1);
          }}
        />
      </section>
      {open && <CasePanel key={open} caseId={open} onClose={() => setOpen(undefined)} />}
      <section aria-labelledby="received-heading">
        <h2 id="received-heading">{messages.receivedCases}</h2>
        <CaseList query={`receivingMsp=${city.mspId}&pageSize=50`} caption={messages.receivedCases} onOpen={setOpen} />
      </section>
    </div>
  );
}
