import { ReactElement } from 'react';
import { CaseRecord, isOverdue } from './cases';
import { useMessages } from './i18n';
import { cityName, useConsole, when } from './ui';

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
