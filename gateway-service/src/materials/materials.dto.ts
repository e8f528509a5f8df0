import { ApiProperty } from '@nestjs/swagger';
import { SHA256_RULE } from '@tongban/chaincode/domain';
import { StringProperty } from '../common/api-property';

/** A file as the city's store keeps it: content-addressed by its SHA-256. */
export class StoredFileDto {
  @StringProperty(SHA256_RULE, { example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  sha256!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 48213 })
  size!: number;

  @ApiProperty({ example: 'application/pdf' })
  mediaType!: string;
}
