import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AgreementInput, readAgreementInput } from '@tongban/chaincode/domain';
import { ReasonRequest, readReasonRequest } from '../cases/cases.dto';
import { Caller, CurrentCaller } from '../common/auth/caller';
import { AnyRole, Roles } from '../common/auth/roles.decorator';
import { IdentifierParam } from '../common/params';
import { ReadBody, ReadQuery } from '../common/validation';
import { AgreementListQuery, AgreementListQueryDto, ProposeAgreementDto, readAgreementListQuery, TerminateAgreementDto } from './agreements.dto';
import { AgreementsService } from './agreements.service';
import { LedgerResponse } from '../openapi/responses';

@ApiTags('agreements')
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: "Agreements a city is party to (this gateway's city by default)" })
  @LedgerResponse('Agreements:ListAgreements', 'The agreements')
  @ApiQuery({ type: AgreementListQueryDto })
  list(@CurrentCaller() caller: Caller, @ReadQuery(readAgreementListQuery) query: AgreementListQuery): Promise<unknown[]> {
    return this.agreements.list(caller.role, query.party);
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'One agreement with its signatures' })
  @LedgerResponse('Agreements:GetAgreement', 'The agreement')
  get(@CurrentCaller() caller: Caller, @IdentifierParam('id') id: string): Promise<unknown> {
    return this.agreements.get(caller.role, id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Propose an agreement; the proposing city signs it at once' })
  @LedgerResponse('Agreements:ProposeAgreement', 'The agreement as recorded', { status: HttpStatus.CREATED })
  @ApiBody({ type: ProposeAgreementDto })
  propose(@CurrentCaller() caller: Caller, @ReadBody(readAgreementInput) agreement: AgreementInput): Promise<unknown> {
    return this.agreements.propose(caller, agreement);
  }

  @Post(':id/signatures')
  @Roles('admin')
  @ApiOperation({ summary: "Sign for this city; the last party's signature makes it ACTIVE" })
  @LedgerResponse('Agreements:SignAgreement', 'The agreement with the signature', { status: HttpStatus.CREATED })
  sign(@CurrentCaller() caller: Caller, @IdentifierParam('id') id: string): Promise<unknown> {
    return this.agreements.sign(caller, id);
  }

  @Post(':id/termination')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Terminate the agreement (any party)' })
  @LedgerResponse('Agreements:TerminateAgreement', 'The agreement, TERMINATED')
  @ApiBody({ type: TerminateAgreementDto })
  terminate(@CurrentCaller() caller: Caller, @IdentifierParam('id') id: string, @ReadBody(readReasonRequest) body: ReasonRequest): Promise<unknown> {
    return this.agreements.terminate(caller, id, body.reason);
  }
}
