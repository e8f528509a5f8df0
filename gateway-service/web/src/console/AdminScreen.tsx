import type { Role } from '@tongban/chaincode/domain';
import { ReactElement, useState } from 'react';
import { Agreement, ServiceItem } from './cases';
import { useMessages } from './i18n';
import { cityName, linesOf, Select, Show, submitted, useAction, useConsole, useLoaded, when } from './ui';
import { TextField } from '../shared/TextField';

interface StaffMember {
  id: string;
  name: string;
  role: Role;
  status: string;
  invitedAt: string;
}

const ROLES: Role[] = ['clerk', 'reviewer', 'admin', 'auditor'];

function Staff(): ReactElement {
  const { api } = useConsole();
  const messages = useMessages();
  const { run, busy, note } = useAction();
  const [staff, reload] = useLoaded(() => api.get<StaffMember[]>('/staff'), []);
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [invitation, setInvitation] = useState<string>();
  const invite = () =>
    run(async () => {
      const invited = await api.write<{ id: string; enrolmentSecret: string }>('POST', '/staff', { name, role });
      setInvitation(messages.invitation(invited.id, invited.enrolmentSecret));
      setName('');
      reload();
    });
  const change = (id: string, method: string, path: string) => run(() => api.write(method, `/staff/${id}/${path}`)).then(reload);
  return (
    <section aria-labelledby="staff-heading">
      <h2 id="staff-heading">{messages.staffHeading}</h2>
      <form className="inline-form" onSubmit={submitted(invite)}>
        <TextField label={messages.name} value={name} onChange={setName} required />
        <Select
          label={messages.role}
          value={role}
          onChange={setRole}
          placeholder={messages.role}
          options={ROLES.map((value) => ({ value, label: messages.roles[value] }))}
        />
        <button type="submit" disabled={busy || !role}>
          {messages.invite}
        </button>
      </form>
      {invitation && (
        <p className="invitation" role="status">
          {invitation}
        </p>
      )}
      {note}
      <Show loaded={staff}>
        {(members) => (
          <div className="table-wrap">
            <table>
              <caption>{messages.staffHeading}</caption>
              <thead>
                <tr>
                  <th scope="col">{messages.staffId}</th>
                  <th scope="col">{messages.name}</th>
                  <th scope="col">{messages.role}</th>
                  <th scope="col">{messages.status}</th>
                  <th scope="col">{messages.actionsColumn}</th>
                </tr>
              </thead>
              <tbody>
                {members.map((member) => (
                  <tr key={member.id}>
                    <th scope="row">{member.id}</th>
                    <td>{member.name}</td>
                    <td>{messages.roles[member.role]}</td>
                    <td>{messages.staffStatuses[member.status] ?? member.status}</td>
                    <td className="row-actions">
                      {(member.status === 'ACTIVE' || member.status === 'INVITED') && (
                        <button type="button" className="secondary" onClick={() => void change(member.id, 'POST', 'suspension')}>
                          {messages.suspend} {member.id}
                        </button>
                      )}
                      {member.status === 'SUSPENDED' && (
                        <button type="button" className="secondary" onClick={() => void change(member.id, 'DELETE', 'suspension')}>
                          {messages.reinstate} {member.id}
                        </button>
                      )}
                      {member.status !== 'REVOKED' && (
                        <button
                          type="button"
                          className="danger"
                          onClick={() => {
                            if (window.confirm(messages.confirmRevoke(member.id))) void change(member.id, 'POST', 'revocation');
                          }}
                        >
                          {messages.revoke} {member.id}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Show>
    </section>
  );
}

function Agreements(): ReactElement {
  const { api, city, cities } = useConsole();
  const messages = useMessages();
  const locale = document.documentElement.lang;
  const { run, busy, note } = useAction();
  const [agreements, reload] = useLoaded(() => api.get<Agreement[]>('/agreements'), []);
  const [draft, setDraft] = useState({ id: '', title: '', items: '', validFrom: '', validUntil: '' });
  const [parties, setParties] = useState<string[]>([city.mspId]);
  const set = (field: keyof typeof draft) => (value: string) => setDraft((held) => ({ ...held, [field]: value }));
  const propose = () =>
    run((onStep) => {
      const serviceItems = linesOf(draft.items).map((line) => {
        const [ownerMsp, code] = line.split('/');
        return { ownerMsp, code };
      });
      return api.write(
        'POST',
        '/agreements',
        { id: draft.id, title: draft.title, parties, serviceItems, validFrom: draft.validFrom, validUntil: draft.validUntil },
        onStep,
      );
    }).then(reload);
  const sign = (id: string) => run((onStep) => api.write('POST', `/agreements/${id}/signatures`, undefined, onStep)).then(reload);
  return (
    <section aria-labelledby="agreements-heading">
      <h2 id="agreements-heading">{messages.agreementsHeading}</h2>
      {note}
      <Show loaded={agreements}>
        {(all) => (
          <ul className="cards">
            {all.map((agreement) => {
              const signed = new Map(agreement.signatures.map((signature) => [signature.mspId, signature.signedAt]));
              return (
                <li key={agreement.id} className="card">
                  <h3>
                    {agreement.title}（{agreement.id}）· {messages.agreementStatuses[agreement.status] ?? agreement.status}
                  </h3>
                  <p>
                    {messages.serviceItem}：{agreement.serviceItems.map((item) => `${cityName(cities, item.ownerMsp)}/${item.code}`).join('，')}
                  </p>
                  <ul>
                    {agreement.parties.map((party) => (
                      <li key={party}>
                        {cityName(cities, party)}：
                        {signed.has(party) ? `${messages.signatures} ${when(signed.get(party), locale)}` : messages.notSigned}
                      </li>
                    ))}
                  </ul>
                  {agreement.status === 'PROPOSED' && agreement.parties.includes(city.mspId) && !signed.has(city.mspId) && (
                    <button type="button" disabled={busy} onClick={() => void sign(agreement.id)}>
                      {messages.sign}：{agreement.id}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Show>
      <form onSubmit={submitted(propose)}>
        <h3>{messages.propose}</h3>
        <TextField label={messages.agreementId} value={draft.id} onChange={set('id')} required />
        <TextField label={messages.title} value={draft.title} onChange={set('title')} required />
        <fieldset>
          <legend>{messages.parties}</legend>
          {cities.map((candidate) => (
            <label key={candidate.mspId} className="check">
              <input
                type="checkbox"
                checked={parties.includes(candidate.mspId)}
                onChange={(event) =>
                  setParties((held) => (event.target.checked ? [...held, candidate.mspId] : held.filter((party) => party !== candidate.mspId)))
                }
              />
              {candidate.name}
            </label>
          ))}
        </fieldset>
        <TextField label={messages.items} value={draft.items} onChange={set('items')} multiline required />
        <TextField label={messages.validFrom} value={draft.validFrom} onChange={set('validFrom')} type="date" required />
        <TextField label={messages.validUntil} value={draft.validUntil} onChange={set('validUntil')} type="date" required />
        <button type="submit" disabled={busy}>
          {messages.propose}
        </button>
      </form>
    </section>
  );
}

function Catalogue(): ReactElement {
  const { api, city } = useConsole();
  const messages = useMessages();
  const { run, busy, note } = useAction();
  const [items, reload] = useLoaded(() => api.get<ServiceItem[]>(`/catalogue/${city.mspId}/items`), []);
  const [draft, setDraft] = useState({ code: '', name: '', promisedDays: '10', materials: '' });
  const set = (field: keyof typeof draft) => (value: string) => setDraft((held) => ({ ...held, [field]: value }));
  const publish = () =>
    run((onStep) => {
      const materials = linesOf(draft.materials).map((line) => ({ name: line.replace(/^\*\s*/, ''), mandatory: line.startsWith('*') }));
      return api.write(
        'PUT',
        `/catalogue/${city.mspId}/items/${draft.code}`,
        { name: draft.name, promisedDays: Number(draft.promisedDays), resultType: 'licence', materials },
        onStep,
      );
    }).then(reload);
  return (
    <section aria-labelledby="catalogue-heading">
      <h2 id="catalogue-heading">{messages.catalogueHeading}</h2>
      <Show loaded={items}>
        {(all) => (
          <ul className="cards">
            {all.map((item) => (
              <li key={item.code} className="card">
                <h3>
                  {item.name}（{item.code}）
                </h3>
                <p>
                  {messages.promisedDays}：{item.promisedDays}
                </p>
                <p>
                  {messages.materials}：
                  {item.materials.map((material) => `${material.name}（${material.mandatory ? messages.mandatory : messages.optional}）`).join('，')}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Show>
      <form onSubmit={submitted(publish)}>
        <h3>{messages.publish}</h3>
        <TextField label={messages.itemCode} value={draft.code} onChange={set('code')} required />
        <TextField label={messages.itemName} value={draft.name} onChange={set('name')} required />
        <TextField label={messages.promisedDays} value={draft.promisedDays} onChange={set('promisedDays')} type="number" required />
        <TextField label={messages.itemMaterials} value={draft.materials} onChange={set('materials')} multiline required />
        <button type="submit" disabled={busy}>
          {messages.publish}
        </button>
        {note}
      </form>
    </section>
  );
}

/** The city's administrator: staff, agreements (who has signed) and the catalogue. */
export function AdminScreen(): ReactElement {
  return (
    <div className="screen">
      <Staff />
      <Agreements />
      <Catalogue />
    </div>
  );
}
