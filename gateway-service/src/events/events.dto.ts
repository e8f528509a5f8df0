/**
 * What clients send about events: the filter of the event stream and of
 * webhook subscriptions, read with the domain's readers and described for
 * the OpenAPI document by the same rules.
 */
import { asDecimal, asList, asString, IntegerRule, ListRule, onlyFields, optional, Payload, readId, StringRule } from '@tongban/chaincode/domain';
import { IdProperty, IntegerProperty, StringListProperty, StringProperty } from '../common/api-property';
import { EventFilter } from './event-log';

/** An event name: its record's kind and the transaction, such as case.accept (so at most 64 characters). */
const NAME = '[a-z]{1,31}\\.[A-Za-z]{1,32}';
export const EVENT_NAME_RULE: StringRule = { max: 64, pattern: new RegExp(`^${NAME}$`), patternHint: 'an event name such as case.accept' };
export const EVENT_NAMES_RULE: ListRule = { min: 1, max: 50 };
/** Event names in a query: comma-separated. */
const EVENT_NAME_QUERY_RULE: StringRule = {
  max: EVENT_NAMES_RULE.max * (EVENT_NAME_RULE.max + 1),
  pattern: new RegExp(`^${NAME}(,${NAME}){0,${EVENT_NAMES_RULE.max - 1}}$`),
  patternHint: 'comma-separated event names such as case.accept,case.approve',
};
/** `from`'s one value, now: the stream starts at the end of the log. The bound is looser than the word, so that another
 * short word is told what to send rather than how long it may be. */
const FROM_NOW_RULE: StringRule = { max: 16, pattern: /^now$/, patternHint: 'now' };
/** Positions in the event log and block numbers: up to 15 digits, as the decimal reader takes them. */
export const POSITION_RULE: IntegerRule = { min: 0, max: 999_999_999_999_999 };

/** Reads a list of event names at `path`. */
export const readEventNames = (value: unknown, path: string): string[] =>
  asList(value, path, EVENT_NAMES_RULE, (name, at) => asString(name, at, EVENT_NAME_RULE));

/** Reads the filter fields of `payload` (names read by `readNames`). */
export function readEventFilter(payload: Payload, readNames: (value: unknown, path: string) => string[]): EventFilter {
  return {
    names: optional(payload.names, 'names', readNames),
    caseId: optional(payload.caseId, 'caseId', readId),
    city: optional(payload.city, 'city', readId),
  };
}

/** Which events the stream sends, and where it resumes. */
export interface EventStreamQuery extends EventFilter {
  lastEventId?: number;
  /** `now`: only events stored from now on, none of the log before (a screen that shows live changes). */
  from?: 'now';
}

const readNameQuery = (value: unknown, path: string): string[] => readEventNames(asString(value, path, EVENT_NAME_QUERY_RULE).split(','), path);

/** Reads the event stream's query. */
export function readEventStreamQuery(query: Payload): EventStreamQuery {
  onlyFields(query, '', ['names', 'caseId', 'city', 'lastEventId', 'from']);
  return {
    ...readEventFilter(query, readNameQuery),
    lastEventId: optional(query.lastEventId, 'lastEventId', (value, path) => asDecimal(value, path, POSITION_RULE)),
    from: optional(query.from, 'from', (value, path) => asString(value, path, FROM_NOW_RULE) as 'now'),
  };
}

/** Reads the Last-Event-ID header, if sent. */
export const readLastEventId = (value: unknown): number | undefined =>
  optional(value, 'Last-Event-ID', (present, path) => asDecimal(present, path, POSITION_RULE));

export class EventStreamQueryDto {
  @StringProperty(EVENT_NAME_QUERY_RULE, { required: false, example: 'case.accept,case.approve', description: 'Comma-separated event names' })
  names?: string;

  @IdProperty('HD-2026-000123', { required: false })
  caseId?: string;

  @IdProperty('FoshanMSP', { required: false, description: 'Only events that involve this city' })
  city?: string;

  @IntegerProperty(POSITION_RULE, { required: false, description: 'Resume after this event id (same as the Last-Event-ID header)' })
  lastEventId?: number;

  @StringProperty(FROM_NOW_RULE, {
    required: false,
    example: 'now',
    description: 'now: only events stored from now on (without Last-Event-ID or lastEventId)',
  })
  from?: 'now';
}

/** Describes a list of event names in a body. */
export const EventNamesProperty = (): PropertyDecorator =>
  StringListProperty(EVENT_NAMES_RULE, EVENT_NAME_RULE, {
    required: false,
    example: ['case.accept', 'case.issueResult'],
    description: 'Event names; all when omitted',
  });
