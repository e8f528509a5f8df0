import { ReactElement, useState } from 'react';
import { CasePage, CaseRecord, isOverdue } from './cases';
import { useMessages } from './i18n';
import { asProblem, cityName, ProblemNote, Show, useConsole, useLoaded, when } from './ui';

/** Cases as a table: number, item, cities, status, due date (overdue ones marked), and a button to open each. */
export function CaseTable({ cases, caption, onOpen }: { cases: CaseRecord[]; caption: string; onOpen: (id: string) => void }): ReactElement {
  const messages = useMessages();
  const { cities } = useConsole();
  const locale = document.documentElement.lang;
  if (cases.length === 0)
    return (
      <p>
        {caption}：{messages.noCases}
      </p>
    );
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{messages.caseId}</th>
            <th scope="col">{messages.serviceItem}</th>
            <th scope="col">{messages.receivingCity}</th>
            <th scope="col">{messages.handlingCity}</th>
            <th scope="col">{messages.status}</th>
            <th scope="col">{messages.dueAt}</th>
            <th scope="col">{messages.updatedAt}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((record) => (
            <tr key={record.id} className={isOverdue(record) ? 'overdue-row' : undefined}>
              <th scope="row">
                <button type="button" className="link" onClick={() => onOpen(record.id)}>
                  {record.id}
                </button>
              </th>
              <td>{record.serviceItem.code}</td>
              <td>{cityName(cities, record.receivingMsp)}</td>
              <td>{cityName(cities, record.handlingMsp)}</td>
              <td>{messages.statuses[record.status]}</td>
              <td>
                {when(record.dueAt, locale)} {isOverdue(record) && <strong className="overdue">{messages.overdue}</strong>}
              </td>
              <td>{when(record.updatedAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The cases of a list query (`/cases?…`), a page at a time: the first at once, the next ones on request. */
export function CaseList({ query, caption, onOpen }: { query: string; caption: string; onOpen: (id: string) => void }): ReactElement {
  const { api } = useConsole();
  const messages = useMessages();
  const [first] = useLoaded(() => api.get<CasePage>(`/cases?${query}`), [query]);
  const [more, setMore] = useState<{ after: string; cases: CaseRecord[]; bookmark: string }>();
  const [problem, setProblem] = useState<ReturnType<typeof asProblem>>();
  return (
    <Show loaded={first}>
      {(page) => {
        // Pages fetched after a first page that has since been reloaded (an event) are dropped with it.
        const extra = more && more.after === page.bookmark ? more : undefined;
        const bookmark = extra ? extra.bookmark : page.bookmark;
        const next = async () => {
          try {
            const fetched = await api.get<CasePage>(`/cases?${query}&bookmark=${encodeURIComponent(bookmark)}`);
            setMore({ after: page.bookmark, cases: [...(extra?.cases ?? []), ...fetched.cases], bookmark: fetched.bookmark });
          } catch (error) {
            setProblem(asProblem(error));
          }
        };
        const cases = [...page.cases, ...(extra?.cases ?? [])];
        return (
          <>
            <CaseTable cases={cases} caption={caption} onOpen={onOpen} />
            {bookmark && cases.length > 0 && (
              <button type="button" className="secondary" onClick={() => void next()}>
                {messages.morePages(caption)}
              </button>
            )}
            {problem && <ProblemNote problem={problem} messages={messages} />}
          </>
        );
      }}
    </Show>
  );
}
