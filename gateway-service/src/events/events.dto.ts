import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';
import { IsIdentifier } from '../common/validation';

/** Event names, comma-separated in a query ("case.accept,case.approve") or a list in a body. */
const EVENT_NAME = /^[a-z]+\.[A-Za-z]+$/;
export const toNameList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').filter((name) => name !== '') : value;

export class EventStreamQueryDto {
  @ApiPropertyOptional({ example: 'case.accept,case.approve', description: 'Comma-separated event names' })
  @IsOptional()
  @Transform(toNameList)
  @IsString({ each: true })
  @Matches(EVENT_NAME, { each: true, message: '$property must be event names such as case.accept' })
  names?: string[];

  @ApiPropertyOptional({ example: 'HD-2026-000123' })
  @IsOptional()
  @IsIdentifier('HD-2026-000123')
  caseId?: string;

  @ApiPropertyOptional({ example: 'FoshanMSP', description: 'Only events that involve this city' })
  @IsOptional()
  @IsIdentifier('FoshanMSP')
  city?: string;

  @ApiPropertyOptional({ description: 'Resume after this event id (same as the Last-Event-ID header)' })
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  lastEventId?: number;
}

export { EVENT_NAME };
