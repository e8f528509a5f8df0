import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TransactionRecord } from './transaction-store';

/** How an asynchronous submission ended: the answer it would have had at once. */
export class TransactionOutcomeDto {
  @ApiProperty({ type: 'integer', example: 201, description: 'The HTTP status of the answer' })
  status!: number;

  @ApiPropertyOptional({ description: 'The answer (the record written), for a 2xx status' })
  body?: unknown;

  @ApiPropertyOptional({ example: '/cases/HD-2026-000123', description: 'Where a new record can be read' })
  location?: string;

  @ApiPropertyOptional({
    description: 'The refusal, for a 4xx or 5xx status',
    example: { code: 'INVALID_TRANSITION', detail: 'case HD-2026-000123 is APPROVED; approve needs ACCEPTED' },
  })
  problem?: { code: string; detail: string; transactionId?: string };
}

/** A request accepted with Prefer: respond-async. */
export class TransactionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['PENDING', 'SUCCEEDED', 'FAILED'] })
  state!: TransactionRecord['state'];

  @ApiProperty({ example: 'POST' })
  method!: string;

  @ApiProperty({ example: '/cases/HD-2026-000123/acceptance' })
  path!: string;

  @ApiProperty({ format: 'date-time' })
  acceptedAt!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  completedAt?: string;

  @ApiPropertyOptional({ type: TransactionOutcomeDto })
  outcome?: TransactionOutcomeDto;
}

/** A transaction as its owner reads it. */
export const viewOf = ({ owner: _owner, ...view }: TransactionRecord): TransactionDto => view;
