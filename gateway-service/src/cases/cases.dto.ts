import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { AgreedItemDto } from '../agreements/agreements.dto';
import { DATE_PATTERN, IsIdentifier, IsReason, IsSha256 } from '../common/validation';

export const CASE_STATUSES = [
  'RECEIVED', 'FORWARDED', 'WITHDRAWN', 'ACCEPTED', 'SUPPLEMENT_REQUIRED',
  'NOT_ACCEPTED', 'APPROVED', 'REJECTED', 'RESULT_ISSUED', 'DELIVERED',
] as const;

/** One file of the applicant's materials: the file stays in the receiving city's store. */
export class MaterialDto {
  @ApiProperty({ example: 'Application form', maxLength: 128 })
  @IsString()
  @Length(1, 128)
  name!: string;

  @IsSha256('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08')
  sha256!: string;

  @ApiProperty({ example: 48213, description: 'Bytes', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(1024 ** 3)
  size!: number;

  @ApiProperty({ example: 'application/pdf' })
  @Matches(/^[a-z]+\/[a-z0-9.+-]+$/, { message: '$property must be a media type such as application/pdf' })
  mediaType!: string;

  @ApiProperty({ example: 'tongban-material://HaidianMSP/9f86d081...', maxLength: 500 })
  @IsString()
  @Length(1, 500)
  location!: string;
}

/** A material manifest: 1 to 100 entries, each validated. */
const IsManifest = () =>
  applyDecorators(
    ApiProperty({ type: [MaterialDto] }),
    ValidateNested({ each: true }),
    Type(() => MaterialDto),
    ArrayMinSize(1),
    ArrayMaxSize(100),
  );

/** Personal data of the applicant: sent to the ledger as transient data only. */
export class ApplicantDto {
  @ApiProperty({ example: '张三', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ example: '110101199003071234', description: 'ID number (never stored on the public ledger)' })
  @Matches(/^[0-9A-Za-z]{6,32}$/, { message: '$property must be 6 to 32 letters and digits' })
  idNumber!: string;

  @ApiProperty({ example: '13800000000' })
  @Matches(/^\+?[0-9 -]{5,20}$/, { message: '$property must be a phone number' })
  phone!: string;

  @ApiProperty({ example: '北京市海淀区中关村大街1号', maxLength: 300 })
  @IsString()
  @Length(1, 300)
  address!: string;
}

export class ReceiveCaseDto {
  @IsIdentifier('HD-2026-000123', 'Given by the receiving city; a retry with the same id never creates a second case')
  id!: string;

  @ApiProperty({ type: AgreedItemDto })
  @ValidateNested()
  @Type(() => AgreedItemDto)
  serviceItem!: AgreedItemDto;

  @IsIdentifier('AGR-2026-001')
  agreementId!: string;

  @IsManifest()
  materials!: MaterialDto[];

  @ApiProperty({ type: ApplicantDto })
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant!: ApplicantDto;
}

export class ReasonDto {
  @IsReason('Floor plan is illegible')
  reason!: string;
}

export class SupplementDto {
  @IsManifest()
  materials!: MaterialDto[];
}

export class IssueResultDto {
  @IsIdentifier('JY44060420260001', 'Certificate number')
  certificateNumber!: string;

  @IsSha256('2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae', 'SHA-256 of the issued document')
  documentSha256!: string;

  @ApiPropertyOptional({ example: '2031-12-31', description: 'Last valid day (YYYY-MM-DD); omit if it does not expire' })
  @IsOptional()
  @Matches(DATE_PATTERN, { message: '$property must be a date written YYYY-MM-DD' })
  expiresOn?: string;
}

export class PageQueryDto {
  @ApiPropertyOptional({ example: 20, minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;

  @ApiPropertyOptional({ description: 'The bookmark of the previous page' })
  @IsOptional()
  @IsString()
  @Length(0, 1024)
  bookmark = '';
}

export class ListCasesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'HaidianMSP' })
  @IsOptional()
  @IsIdentifier('HaidianMSP')
  receivingMsp?: string;

  @ApiPropertyOptional({ example: 'FoshanMSP' })
  @IsOptional()
  @IsIdentifier('FoshanMSP')
  handlingMsp?: string;

  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: (typeof CASE_STATUSES)[number];
}
