import type { CaseStatus } from '@tongban/chaincode/domain';
import { ReactElement, useState } from 'react';
import { CasePage } from './cases';
import { CaseLookup } from './CaseLookup';
import { CasePanel } from './CasePanel';
import { CaseTable } from './CaseTable';
import { useMessages } from './i18n';
import { Show, useConsole, useLoaded } from './ui';

/** The statuses in which a case awaits this city's reviewers. */
const QUEUE: readonly CaseStatus[] = ['FORWARDED', 'ACCEPTED', 'APPROVED'];

/** The competent city's desk: cases forwarded here, by status, with due dates (overdue ones marked). */
export function ReviewerScreen(): ReactElement {
  const { api, city } = useConsole();
  const messages = useMessages();
  const [open, setOpen] = useState<string>();
  const [queues] = useLoaded(
    () => Promise.all(QUEUE.map((status) => api.get<CasePage>(`/cases?handlingMsp=${city.mspId}&status=${status}&pageSize=50`))),
    [],
  );
  return (
    <div className="screen">
      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">{messages.reviewerHeading}</h2>
        <CaseLookup onOpen={setOpen} />
        {open && <CasePanel key={open} caseId={open} onClose={() => setOpen(undefined)} />}
        <Show loaded={queues}>
          {(pages) => (
            <>
              {pages.map((page, index) => (
                <CaseTable key={QUEUE[index]} cases={page.cases} caption={messages.statuses[QUEUE[index]]} onOpen={setOpen} />
              ))}
            </>
          )}
        </Show>
      </section>
    </div>
  );
}
