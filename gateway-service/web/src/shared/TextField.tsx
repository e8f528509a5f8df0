import { ReactElement, RefObject, useId } from 'react';

interface Props {
  label: string;
  hint?: string;
  /** What is wrong with the value, shown above the field and read out with it. */
  error?: string;
  name?: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'date' | 'number' | 'password' | 'tel';
  required?: boolean;
  /** Several lines (a textarea) instead of one. */
  multiline?: boolean;
  autoComplete?: string;
  /** A one-line field's input element (so is `type` and `autoComplete`: a textarea has neither). */
  inputRef?: RefObject<HTMLInputElement | null>;
  className?: string;
}

/**
 * A labelled text field with its hint and error tied to it (aria-describedby),
 * so a screen reader reads all three: the public page's and the console's.
 */
export function TextField({
  label,
  hint,
  error,
  name,
  value,
  onChange,
  type = 'text',
  required,
  multiline,
  autoComplete = 'off',
  inputRef,
  className,
}: Props): ReactElement {
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name,
    className,
    value,
    required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
  };
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {multiline ? (
        <textarea {...common} rows={3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          ref={inputRef}
          type={type}
          autoComplete={autoComplete}
          spellCheck={false}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </div>
  );
}
