import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from '../common/auth/caller';
import { AnyRole, Roles } from '../common/auth/roles.decorator';
import { IdentifierParam, IdentifierQuery } from '../common/params';
import { ProposeAgreementDto, TerminateAgreementDto } from './agreements.dto';
import { AgreementsService } from './agreements.service';

@ApiTags('agreements')
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: "Agreements a city is party to (this gateway's city by default)" })
  @ApiQuery({ name: 'party', required: false, example: 'FoshanMSP' })
  list(@CurrentCaller() caller: Caller, @IdentifierQuery('party') party?: string): Promise<unknown[]> {
    return this.agreements.list(caller.role, party);
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'One agreement with its signatures' })
  get(@CurrentCaller() caller: Caller, @IdentifierParam('id') id: string): Promise<unknown> {
    return this.agreements.get(caller.role, id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Propose an agreement; the proposing city signs it at once' })
  propose(@CurrentCaller() caller: Caller, @Body() agreement: ProposeAgreementDto): Promise<unknown> {
    return this.agreements.propose(caller.role, agreement);
  }

  @Post(':id/signatures')
  @Roles('admin')
  @ApiOperation({ summary: "Sign for this city; the last party's signature makes it ACTIVE" })
  sign(@CurrentCaller() caller: Caller, @IdentifierParam('id') id: string): Promise<unknown> {
    return this.agreements.sign(caller.role, id);
  }

  @Post(':id/termination')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Terminate the agreement (any party)' })
  terminate(@CurrentCaller() caller: Caller, @IdentifierParam('id') id: string, @Body() body: TerminateAgreementDto): Promise<unknown> {
    return this.agreements.terminate(caller.role, id, body.reason);
  }
}
