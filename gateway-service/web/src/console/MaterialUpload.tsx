import { ReactElement, useId, useState } from 'react';
import { MaterialEntry } from './cases';
import { useMessages } from './i18n';
import { asProblem, ProblemNote, useConsole } from './ui';

/** One material's file: uploaded to this city's store at once, with a progress bar; answers the manifest entry. */
export function MaterialUpload({
  name,
  mandatory,
  onUploaded,
}: {
  name: string;
  mandatory: boolean;
  onUploaded: (entry: MaterialEntry) => void;
}): ReactElement {
  const { api } = useConsole();
  const messages = useMessages();
  const id = useId();
  const [percent, setPercent] = useState<number>();
  const [problem, setProblem] = useState<ReturnType<typeof asProblem>>();
  const pick = async (file: File | undefined) => {
    if (!file) return;
    setProblem(undefined);
    setPercent(0);
    try {
      const stored = await api.upload<Omit<MaterialEntry, 'name'>>('POST', '/materials', file, setPercent);
      onUploaded({ ...stored, name });
    } catch (error) {
      setPercent(undefined);
      setProblem(asProblem(error));
    }
  };
  return (
    <div className="field upload">
      <label htmlFor={id}>
        {messages.upload(name)} <span className="tag">{mandatory ? messages.mandatory : messages.optional}</span>
      </label>
      <input id={id} type="file" onChange={(event) => void pick(event.target.files?.[0])} />
      {percent !== undefined && (
        <div className="progress-row">
          <progress max={100} value={percent} aria-label={messages.upload(name)} />
          <span>{messages.uploaded(percent)}</span>
        </div>
      )}
      {problem && <ProblemNote problem={problem} messages={messages} />}
    </div>
  );
}
