/**
 * What clients send and receive about statistics: the query's reader (the
 * domain's readers, so a bad field is refused 400 naming it) and the classes
 * that describe the report in the OpenAPI document.
 */
import { ApiProperty } from '@nestjs/swagger';
import { asEnum, asString, invalidArgument, onlyFields, optional, Payload, readId, StringRule } from '@tongban/chaincode/domain';
import { IdProperty, StringProperty } from '../common/api-property';
import { StatisticsFilter } from './report';

export const MONTH_RULE: StringRule = { max: 7, pattern: /^\d{4}-(0[1-9]|1[0-2])$/, patternHint: 'a month written YYYY-MM' };
export const STATISTICS_FORMATS = ['json', 'csv'] as const;

export interface StatisticsQuery extends StatisticsFilter {
  format: (typeof STATISTICS_FORMATS)[number];
}

const readMonth = (value: unknown, path: string): string => asString(value, path, MONTH_RULE);

/** Reads the statistics query: every field optional, unknown ones refused, `to` not before `from`. */
export function readStatisticsQuery(query: Payload): StatisticsQuery {
  onlyFields(query, '', ['from', 'to', 'receivingMsp', 'handlingMsp', 'serviceItem', 'format']);
  const read: StatisticsQuery = {
    from: optional(query.from, 'from', readMonth),
    to: optional(query.to, 'to', readMonth),
    receivingMsp: optional(query.receivingMsp, 'receivingMsp', readId),
    handlingMsp: optional(query.handlingMsp, 'handlingMsp', readId),
    serviceItemCode: optional(query.serviceItem, 'serviceItem', readId),
    format: optional(query.format, 'format', (value, path) => asEnum(value, path, STATISTICS_FORMATS)) ?? 'json',
  };
  if (read.from !== undefined && read.to !== undefined && read.to < read.from) {
    throw invalidArgument(`to (${read.to}) must not be before from (${read.from})`);
  }
  return read;
}

export class StatisticsQueryDto {
  @StringProperty(MONTH_RULE, { required: false, example: '2026-01', description: 'First month (UTC), included' })
  from?: string;

  @StringProperty(MONTH_RULE, { required: false, example: '2026-12', description: 'Last month (UTC), included; not before from' })
  to?: string;

  @IdProperty('HaidianMSP', { required: false, description: 'Only cases received by this city' })
  receivingMsp?: string;

  @IdProperty('FoshanMSP', { required: false, description: 'Only cases handled by this city (the owner of their service item)' })
  handlingMsp?: string;

  @IdProperty('FS-FOOD-001', { required: false, description: "Only this service item's code" })
  serviceItem?: string;

  @ApiProperty({ required: false, enum: STATISTICS_FORMATS, default: 'json', description: 'csv answers text/csv, one line per row, then the totals' })
  format?: string;
}

const count = (description: string) => ApiProperty({ type: 'integer', minimum: 0, description });
const duration = (description: string) => ApiProperty({ type: 'number', nullable: true, minimum: 0, description });

/** The figures of a row, or of all rows. */
export class StatisticsFiguresDto {
  @count('Cases received (受理), in the month of receipt')
  received!: number;

  @count('Forwardings to the handling city, in their month (a case sent back for supplement and forwarded again counts again)')
  forwarded!: number;

  @count('Cases accepted by the handling city, in the month of acceptance')
  accepted!: number;

  @count('Cases decided, approved or rejected, in the month of the decision')
  handled!: number;

  @count('Cases refused (不予受理, NOT_ACCEPTED), in the month of refusal')
  refused!: number;

  @count('Accepted cases whose due time fell in the month and passed without a decision: decided after it, or still undecided at asOf')
  overdue!: number;

  @count("Recognitions (结果互认) of the results of the row's cases, in the month of recognition")
  recognitions!: number;

  @duration('Median whole minutes from receipt to decision of the handled cases (nearest rank: the lower middle one of an even number)')
  medianMinutesToDecision!: number | null;

  @duration('90th percentile (nearest rank) of the whole minutes from receipt to decision of the handled cases')
  p90MinutesToDecision!: number | null;

  @duration('medianMinutesToDecision in days, to two decimals')
  medianDaysToDecision!: number | null;

  @duration('p90MinutesToDecision in days, to two decimals')
  p90DaysToDecision!: number | null;
}

export class StatisticsRowDto extends StatisticsFiguresDto {
  @ApiProperty({ example: '2026-01', pattern: MONTH_RULE.pattern?.source })
  month!: string;

  @ApiProperty({ example: 'HaidianMSP' })
  receivingMsp!: string;

  @ApiProperty({ example: 'FoshanMSP' })
  handlingMsp!: string;

  @ApiProperty({ example: 'FS-FOOD-001', description: "The service item's code; its owner is the handling city" })
  serviceItemCode!: string;
}

export class StatisticsReportDto {
  @ApiProperty({ format: 'date-time', description: 'When still undecided cases were judged overdue' })
  asOf!: string;

  @ApiProperty({ type: String, nullable: true, example: '1234', description: 'The block of the last event counted (null before any)' })
  throughBlock!: string | null;

  @ApiProperty({ type: [StatisticsRowDto], description: 'One row per month, city pair and service item, in that order' })
  rows!: StatisticsRowDto[];

  @ApiProperty({ type: StatisticsFiguresDto, description: 'The figures of all rows; percentiles over all their cases' })
  totals!: StatisticsFiguresDto;
}
