import type { CaseStatus } from '@tongban/chaincode/domain';
import { ReactElement, useState } from 'react';
import { CaseLookup } from './CaseLookup';
import { CasePanel } from './CasePanel';
import { CaseList } from './CaseTable';
import { useMessages } from './i18n';
import { useConsole } from './ui';

/** The statuses in which a case awaits this city's reviewers. */
const QUEUE: readonly CaseStatus[] = ['FORWARDED', 'ACCEPTED', 'APPROVED'];

/** The competent city's desk: cases forwarded here, by status, with due dates (overdue ones marked). */
export function ReviewerScreen(): ReactElement {
  const { city } = useConsole();
  const messages = useMessages();
  const [open, setOpen] = useState<string>();
  return (
    <div className="screen">
      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">{messages.reviewerHeading}</h2>
        <CaseLookup onOpen={setOpen} />
        {open && <CasePanel key={open} caseId={open} onClose={() => setOpen(undefined)} />}
        {QUEUE.map((status) => (
          <CaseList
            key={status}
            query={`handlingMsp=${city.mspId}&status=${status}&pageSize=50`}
            caption={messages.statuses[status]}
            onOpen={setOpen}
          />
        ))}
      </section>
    </div>
  );
}
