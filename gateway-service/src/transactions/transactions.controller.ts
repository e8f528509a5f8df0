import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiError } from '../common/api-error';
import { Caller, CurrentCaller } from '../common/auth/caller';
import { AnyRole } from '../common/auth/roles.decorator';
import { ReadParam } from '../common/params';
import { TransactionStore } from './transaction-store';
import { TransactionDto, viewOf } from './transactions.dto';

const UUID_RULE = {
  min: 36,
  max: 36,
  pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  patternHint: 'a transaction id (UUID)',
};

/** Requests accepted with Prefer: respond-async, polled by the client that sent them. */
@ApiTags('transactions')
@Controller('transactions')
export class TransactionsController {
  constructor(private readonly store: TransactionStore) {}

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'A request accepted with Prefer: respond-async: PENDING, then SUCCEEDED or FAILED with its answer' })
  @ApiResponse({ status: HttpStatus.OK, description: 'The transaction', type: TransactionDto })
  async get(@CurrentCaller() caller: Caller, @ReadParam('id', UUID_RULE) id: string): Promise<TransactionDto> {
    const record = await this.store.get(id);
    // Another key's transaction is answered as if it did not exist.
    if (record?.owner !== caller.name) throw new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `no transaction ${id} of this API key`);
    return viewOf(record);
  }
}
