import { ReactElement, RefObject, useId } from 'react';

interface Props {
  label: string;
  hint: string;
  /** What is wrong with the value, shown above the field and read out with it. */
  error?: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  className?: string;
}

/** A labelled text field with its hint and error tied to it (aria-describedby), so a screen reader reads all three. */
export function TextField({ label, hint, error, name, value, onChange, inputRef, className }: Props): ReactElement {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input
        ref={inputRef}
        id={id}
        name={name}
        className={className}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
      />
    </div>
  );
}
