import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { DATE_PATTERN, IsIdentifier, IsReason } from '../common/validation';

export class AgreedItemDto {
  @IsIdentifier('FoshanMSP', 'The city that owns the service item')
  ownerMsp!: string;

  @IsIdentifier('FS-FOOD-001')
  code!: string;
}

/** 跨省通办合作协议 as one city's admin proposes it. */
export class ProposeAgreementDto {
  @IsIdentifier('AGR-2026-001')
  id!: string;

  @ApiProperty({ example: 'Beijing–Guangdong–Tianjin handle-anywhere agreement', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ example: ['HaidianMSP', 'FoshanMSP', 'TianjinMSP'], description: 'MSP IDs of the cities it binds, the proposer included' })
  @IsString({ each: true })
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  parties!: string[];

  @ApiProperty({ type: [AgreedItemDto] })
  @ValidateNested({ each: true })
  @Type(() => AgreedItemDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  serviceItems!: AgreedItemDto[];

  @ApiProperty({ example: '2026-01-01', description: 'First day it applies (YYYY-MM-DD)' })
  @Matches(DATE_PATTERN, { message: '$property must be a date written YYYY-MM-DD' })
  validFrom!: string;

  @ApiProperty({ example: '2027-12-31', description: 'Last day it applies (YYYY-MM-DD)' })
  @Matches(DATE_PATTERN, { message: '$property must be a date written YYYY-MM-DD' })
  validUntil!: string;
}

export class TerminateAgreementDto {
  @IsReason('Superseded by AGR-2027-001')
  reason!: string;
}
