import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Verdict, VERDICTS } from '@tongban/chaincode/domain';
import { PublicVerdict } from './public-verdict';

/** The public verification page's answer: never personal data (see publicVerdict). */
export class PublicVerdictDto implements PublicVerdict {
  @ApiProperty({ example: 'JY44060420260001' })
  certificateNumber!: string;

  @ApiProperty({ enum: VERDICTS, description: 'HASH_MISMATCH: a result has this number, but the document presented is not the one issued' })
  verdict!: Verdict;

  @ApiPropertyOptional({ example: 'FoshanMSP', description: 'The issuing city; absent for UNKNOWN and HASH_MISMATCH, as the dates' })
  issuingMsp?: string;

  @ApiPropertyOptional({ example: 'Foshan', description: "The issuing city's display name, when this gateway knows it" })
  issuingCityName?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-03-02' })
  issuedOn?: string;

  @ApiPropertyOptional({ format: 'date', example: '2031-12-31', description: 'Last valid day; absent when the result does not expire' })
  expiresOn?: string;

  @ApiPropertyOptional({ format: 'date', description: 'When the issuing city revoked it (REVOKED)' })
  revokedOn?: string;
}
