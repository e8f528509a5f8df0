import { ReactElement, useState } from 'react';
import { useMessages } from './i18n';
import { submitted } from './ui';
import { TextField } from '../shared/TextField';

/** Open any case by its number. */
export function CaseLookup({ onOpen }: { onOpen: (id: string) => void }): ReactElement {
  const messages = useMessages();
  const [id, setId] = useState('');
  return (
    <form className="inline-form" role="search" onSubmit={submitted(() => id.trim() && onOpen(id.trim()))}>
      <TextField label={messages.caseId} value={id} onChange={setId} required />
      <button type="submit">{messages.find}</button>
    </form>
  );
}
