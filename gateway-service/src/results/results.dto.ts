import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsIdentifier, IsSha256 } from '../common/validation';

export class VerifyResultQueryDto {
  @IsSha256('2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae', 'SHA-256 of the document presented')
  documentSha256!: string;
}

export class RecogniseResultDto {
  @IsIdentifier('AGR-2026-001', 'The active agreement that binds this city and the issuing city')
  agreementId!: string;

  @ApiProperty({ example: 'Opening a branch in Tianjin', maxLength: 300 })
  @IsString()
  @Length(1, 300)
  purpose!: string;
}
