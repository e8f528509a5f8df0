/** What clients send about webhook subscriptions, and what they get back. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { asInteger, asString, invalidArgument, onlyFields, optional, Payload, StringRule } from '@tongban/chaincode/domain';
import { IdProperty, IntegerProperty, StringProperty } from '../common/api-property';
import { EventFilter } from './event-log';
import { EventNamesProperty, POSITION_RULE, readEventFilter, readEventNames } from './events.dto';

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
// A host name label: letters and digits, single hyphens between them. Two in a row would
// admit punycode (xn--…), which a URL parser refuses when it does not decode.
const LABEL = '[A-Za-z0-9]+(-[A-Za-z0-9]+)*';
const LAST_LABEL = '[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*';
const PORT = '(6553[0-5]|655[0-2]\\d|65[0-4]\\d\\d|6[0-4]\\d{3}|[1-5]\\d{4}|[1-9]\\d{0,3}|0)';

/**
 * A receiver's address: http(s), a host name (its last label starting with a
 * letter, no two hyphens in a row) or an IPv4 address, an optional port and path. Written so that
 * every address it admits is a URL (a host like 999.1.1.1 is not).
 */
export const WEBHOOK_URL_RULE: StringRule = {
  max: 2048,
  pattern: new RegExp(`^https?://(${OCTET}(\\.${OCTET}){3}|(${LABEL}\\.)*${LAST_LABEL})(:${PORT})?([/?#][\\x21-\\x7e]*)?$`),
  patternHint: 'an http(s) URL',
};

/** A new subscription: where to, which events, and from which block on. */
export interface CreateWebhookRequest extends EventFilter {
  url: string;
  fromBlock?: number;
}

/** Reads a block number, in a JSON body. */
const readBlock = (value: unknown, path: string): number => asInteger(value, path, POSITION_RULE);

/** Reads a new subscription. */
export function readCreateWebhookRequest(body: Payload): CreateWebhookRequest {
  onlyFields(body, '', ['url', 'names', 'caseId', 'city', 'fromBlock']);
  const url = asString(body.url, 'url', WEBHOOK_URL_RULE);
  if (!URL.canParse(url)) throw invalidArgument(`url must be ${WEBHOOK_URL_RULE.patternHint ?? 'a URL'}`);
  return { url, ...readEventFilter(body, readEventNames), fromBlock: optional(body.fromBlock, 'fromBlock', readBlock) };
}

/** Reads a replay request. */
export function readReplayWebhookRequest(body: Payload): { fromBlock: number } {
  onlyFields(body, '', ['fromBlock']);
  return { fromBlock: readBlock(body.fromBlock, 'fromBlock') };
}

export class CreateWebhookDto {
  @StringProperty(WEBHOOK_URL_RULE, { example: 'https://hall.haidian.example/tongban/events' })
  url!: string;

  @EventNamesProperty()
  names?: string[];

  @IdProperty('HD-2026-000123', { required: false })
  caseId?: string;

  @IdProperty('HaidianMSP', { required: false, description: 'Only events that involve this city' })
  city?: string;

  @IntegerProperty(POSITION_RULE, { required: false, example: 0, description: 'Deliver from this block on; by default only events from now on' })
  fromBlock?: number;
}

export class ReplayWebhookDto {
  @IntegerProperty(POSITION_RULE, { example: 12, description: 'Deliver again every matching event from this block on' })
  fromBlock!: number;
}

/** One attempt to deliver one event. */
export class DeliveryAttemptDto {
  @ApiProperty({ type: 'integer' })
  eventId!: number;

  @ApiProperty({ example: 'case.accept' })
  eventName!: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  attempt!: number;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: 'integer', description: 'What the receiver answered; 0 when it could not be reached' })
  status!: number;

  @ApiProperty()
  delivered!: boolean;

  @ApiPropertyOptional()
  error?: string;
}

/** A subscription as listed: without its secret and its delivery log. */
export class SubscriptionSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  url!: string;

  @ApiPropertyOptional({ type: [String] })
  names?: string[];

  @ApiPropertyOptional()
  caseId?: string;

  @ApiPropertyOptional()
  city?: string;

  @ApiProperty({ description: 'The API key (role user) that made it; only that key sees it' })
  createdBy!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: 'integer', description: 'The last event delivered (its position in the log)' })
  cursor!: number;
}

/** A subscription with its latest delivery attempts. */
export class SubscriptionViewDto extends SubscriptionSummaryDto {
  @ApiProperty({ type: [DeliveryAttemptDto], description: 'The latest attempts, oldest first' })
  deliveries!: DeliveryAttemptDto[];
}

/** A new subscription: the only answer that shows its secret. */
export class NewSubscriptionDto extends SubscriptionViewDto {
  @ApiProperty({ description: 'HMAC-SHA256 key of the signatures; shown only now' })
  secret!: string;
}
