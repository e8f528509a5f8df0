/** Small building blocks of the console's screens: selects, loading with reload, and the outcome of an action. */
import { createContext, FormEvent, ReactElement, ReactNode, useCallback, useContext, useEffect, useId, useState } from 'react';
import { Api, Problem } from './api';
import { Messages, useMessages } from './i18n';

/** The signed-in member's API, the city, and when the ledger last changed for it (an event arrived: what is shown reloads). */
export interface ConsoleState {
  api: Api;
  city: City;
  cities: City[];
  changes: number;
}
export interface City {
  mspId: string;
  name: string;
}
export const ConsoleContext = createContext<ConsoleState | undefined>(undefined);
export function useConsole(): ConsoleState {
  const state = useContext(ConsoleContext);
  if (!state) throw new Error('useConsole outside a signed-in console');
  return state;
}

/** A city's display name, from the gateway's list. */
export const cityName = (cities: City[], mspId: string): string => cities.find((city) => city.mspId === mspId)?.name ?? mspId;

interface SelectProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  options: { value: string; label: string }[];
}

export function Select({ label, value, onChange, placeholder, options }: SelectProps): ReactElement {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** What a loaded value is: loading, loaded, or refused. */
export type Loaded<T> = { state: 'loading' } | { state: 'loaded'; value: T } | { state: 'failed'; problem: Problem };

/**
 * Loads `load()` now, again when `keys` change (showing "loading" meanwhile)
 * and, if `followChanges`, when the ledger changes (an event arrived); `reload` on demand.
 */
export function useLoaded<T>(load: () => Promise<T>, keys: unknown[], followChanges = true): [Loaded<T>, () => void] {
  const { changes } = useConsole();
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  const keyText = JSON.stringify(keys);
  const [loadedFor, setLoadedFor] = useState(keyText);
  if (loadedFor !== keyText) {
    // Other keys: what was loaded for the last ones is not shown for these.
    setLoadedFor(keyText);
    setLoaded({ state: 'loading' });
  }
  useEffect(() => {
    let current = true;
    load().then(
      (value) => current && setLoaded({ state: 'loaded', value }),
      (error: unknown) => current && setLoaded({ state: 'failed', problem: asProblem(error) }),
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render: what it reads is in `keys`.
  }, [keyText, followChanges ? changes : 0, round]);
  return [loaded, useCallback(() => setRound((value) => value + 1), [])];
}

export const asProblem = (error: unknown): Problem =>
  error instanceof Problem ? error : new Problem(0, 'ERROR', error instanceof Error ? error.message : String(error));

/** Shows a loaded value, or that it loads, or why it failed. */
export function Show<T>({ loaded, children }: { loaded: Loaded<T>; children: (value: T) => ReactNode }): ReactElement {
  const messages = useMessages();
  if (loaded.state === 'loading') return <p role="status">{messages.loading}</p>;
  if (loaded.state === 'failed') return <ProblemNote problem={loaded.problem} messages={messages} />;
  return <>{children(loaded.value)}</>;
}

export function ProblemNote({ problem, messages }: { problem: Problem; messages: Messages }): ReactElement {
  return (
    <p className="problem" role="alert">
      {messages.error(problem.code, problem.detail)}
    </p>
  );
}

/**
 * An action's progress and outcome: `run` shows the signing steps, then done
 * or the refusal, in a live region a screen reader announces.
 */
export function useAction(): {
  run: (work: (onStep: (step: number) => void) => Promise<unknown>) => Promise<boolean>;
  busy: boolean;
  note: ReactElement | null;
} {
  const messages = useMessages();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'progress' | 'done' | 'problem'; text: string }>();
  const run = async (work: (onStep: (step: number) => void) => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setNote(undefined);
    try {
      await work((step) => setNote({ kind: 'progress', text: messages.signing(step) }));
      setNote({ kind: 'done', text: messages.done });
      return true;
    } catch (error) {
      const problem = asProblem(error);
      setNote({ kind: 'problem', text: messages.error(problem.code, problem.detail) });
      return false;
    } finally {
      setBusy(false);
    }
  };
  const rendered = (
    <p className={`action-note ${note?.kind ?? ''}`} role="status" aria-live="polite">
      {note?.text}
    </p>
  );
  return { run, busy, note: rendered };
}

/** A date and time as people read it here. */
export const when = (iso: string | undefined, locale: string): string =>
  iso ? new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }) : '—';

/** A form's submit handler that runs `work` instead of navigating. */
export const submitted =
  (work: () => unknown) =>
  (event: FormEvent): void => {
    event.preventDefault();
    void work();
  };

/** The non-empty lines of a text area, trimmed. */
export const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
