import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsInt, IsOptional, IsString, IsUrl, Matches, Min } from 'class-validator';
import { IsIdentifier } from '../common/validation';
import { EVENT_NAME, toNameList } from './events.dto';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://hall.haidian.example/tongban/events' })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: '$property must be an http(s) URL' })
  url!: string;

  @ApiPropertyOptional({ example: ['case.accept', 'case.issueResult'], description: 'Event names; all when omitted' })
  @IsOptional()
  @Transform(toNameList)
  @IsString({ each: true })
  @Matches(EVENT_NAME, { each: true, message: '$property must be event names such as case.accept' })
  @ArrayMaxSize(50)
  names?: string[];

  @ApiPropertyOptional({ example: 'HD-2026-000123' })
  @IsOptional()
  @IsIdentifier('HD-2026-000123')
  caseId?: string;

  @ApiPropertyOptional({ example: 'HaidianMSP', description: 'Only events that involve this city' })
  @IsOptional()
  @IsIdentifier('HaidianMSP')
  city?: string;

  @ApiPropertyOptional({ example: 0, description: 'Deliver from this block on; by default only events from now on' })
  @IsOptional()
  @IsInt()
  @Min(0)
  fromBlock?: number;
}

export class ReplayWebhookDto {
  @ApiProperty({ example: 12, description: 'Deliver again every matching event from this block on' })
  @IsInt()
  @Min(0)
  fromBlock!: number;
}
