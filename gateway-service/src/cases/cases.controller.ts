import { Controller, Get, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { caseTransactionOf, MaterialInput, readResultInput, readSupplement, RECEIVE, ResultInput } from '@tongban/chaincode/domain';
import { Caller, CurrentCaller } from '../common/auth/caller';
import { AnyRole, Roles } from '../common/auth/roles.decorator';
import { IdempotentRequest } from '../common/idempotency/idempotency.interceptor';
import { IdentifierParam } from '../common/params';
import { ReadBody, ReadQuery } from '../common/validation';
import { LedgerResponse } from '../openapi/responses';
import {
  CASE_COUNTS_SCHEMA,
  CaseListQuery,
  IssueResultDto,
  ListCasesQueryDto,
  PageQuery,
  PageQueryDto,
  ReasonDto,
  ReasonRequest,
  readCaseListQuery,
  readPageQuery,
  readReasonRequest,
  readReceiveCaseRequest,
  ReceiveCaseDto,
  ReceiveCaseRequest,
  SupplementDto,
} from './cases.dto';
import { CasesService, CaseView } from './cases.service';

/** 办件: receive a case in this city, and drive it through the lifecycle. */
@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @Roles('clerk')
  @ApiOperation({ summary: 'Receive a case for a service item of a partner city (受理)' })
  @ApiBody({ type: ReceiveCaseDto })
  @LedgerResponse(caseTransactionOf(RECEIVE.action), 'The case as recorded', {
    status: HttpStatus.CREATED,
    location: (record: CaseView) => `/cases/${record.id}`,
  })
  async receive(
    @CurrentCaller() caller: Caller,
    @ReadBody(readReceiveCaseRequest) body: ReceiveCaseRequest,
    @Req() request: IdempotentRequest,
  ): Promise<CaseView> {
    // A retry of an attempt that was never answered (a gateway restart, a timeout) may find its case recorded.
    const { record, replayed } = await this.cases.receive(caller, body, request.idempotentRetry === true);
    request.idempotentReplay = replayed;
    return record;
  }

  @Get()
  @AnyRole()
  @ApiOperation({
    summary: 'A page of cases by receiving city, handling city and status',
    description: 'Cases are indexed by city: receivingMsp or handlingMsp (or both) is required; status narrows either.',
  })
  @LedgerResponse('Cases:ListCases', 'A page of cases and the bookmark of the next')
  @ApiQuery({ type: ListCasesQueryDto })
  list(@CurrentCaller() caller: Caller, @ReadQuery(readCaseListQuery) query: CaseListQuery): Promise<unknown> {
    return this.cases.list(caller.role, query);
  }

  @Get('overdue')
  @AnyRole()
  @ApiOperation({ summary: "This city's accepted cases past their due time" })
  @LedgerResponse('Cases:ListOverdueCases', 'A page of overdue cases and the bookmark of the next')
  @ApiQuery({ type: PageQueryDto })
  overdue(@CurrentCaller() caller: Caller, @ReadQuery(readPageQuery) page: PageQuery): Promise<unknown> {
    return this.cases.overdue(caller.role, page);
  }

  @Get('counts')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'Number of cases per receiving city, handling city and status' })
  @LedgerResponse('Cases:CountCases', 'Receiving city → handling city → status → number of cases', { schema: CASE_COUNTS_SCHEMA })
  counts(@CurrentCaller() caller: Caller): Promise<unknown> {
    return this.cases.counts(caller.role);
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'A case: status, manifest, deadlines, result and timeline' })
  @LedgerResponse('Cases:GetCase', 'The case')
  get(@CurrentCaller() caller: Caller, @IdentifierParam('id') id: string): Promise<CaseView> {
    return this.cases.get(caller.role, id);
  }

  @Get(':id/history')
  @Roles('reviewer', 'auditor', 'clerk')
  @ApiOperation({ summary: "Every committed version of the case, from the ledger's history" })
  @LedgerResponse('Cases:GetCaseHistory', 'Every version, oldest first')
  history(@CurrentCaller() caller: Caller, @IdentifierParam('id') id: string): Promise<unknown> {
    return this.cases.history(caller.role, id);
  }

  @Get(':id/applicant')
  @Roles('clerk', 'reviewer', 'auditor')
  @ApiOperation({ summary: "The applicant's personal data: only for the receiving and the handling city" })
  @LedgerResponse('Cases:GetApplicantData', "The applicant's data, from this city's private data")
  applicant(@CurrentCaller() caller: Caller, @IdentifierParam('id') id: string): Promise<unknown> {
    return this.cases.applicant(caller.role, id);
  }

  @Post(':id/verification')
  @HttpCode(200)
  @Roles('clerk')
  @ApiOperation({ summary: 'Materials checked: forward to the handling city (RECEIVED → FORWARDED)' })
  @LedgerResponse(caseTransactionOf('verify'), 'The case after the step')
  verify(@CurrentCaller() caller: Caller, @IdentifierParam('id') id: string): Promise<CaseView> {
    return this.cases.act(caller, id, 'verify');
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles('clerk')
  @ApiOperation({ summary: 'The applicant withdraws (RECEIVED → WITHDRAWN)' })
  @LedgerResponse(caseTransactionOf('withdraw'), 'The case after the step')
  @ApiBody({ type: ReasonDto })
  withdraw(@CurrentCaller() caller: Caller, @IdentifierParam('id') id: string, @ReadBody(readReasonRequest) body: ReasonRequest): Promise<CaseView> {
    return this.cases.act(caller, id, 'withdraw', body.reason);
  }

  @Post(':id/acceptance')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOperation({ summary: 'Accept; the promised days start (FORWARDED → ACCEPTED)' })
  @LedgerResponse(caseTransactionOf('accept'), 'The case after the step')
  accept(@CurrentCaller() caller: Caller, @IdentifierParam('id') id: string): Promise<CaseView> {
    return this.cases.act(caller, id, 'accept');
  }

  @Post(':id/supplement-request')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOperation({ summary: 'Ask for more materials (FORWARDED → SUPPLEMENT_REQUIRED)' })
  @LedgerResponse(caseTransactionOf('requestSupplement'), 'The case after the step')
  @ApiBody({ type: ReasonDto })
  requestSupplement(
    @CurrentCaller() caller: Caller,
    @IdentifierParam('id') id: string,
    @ReadBody(readReasonRequest) body: ReasonRequest,
  ): Promise<CaseView> {
    return this.cases.act(caller, id, 'requestSupplement', body.reason);
  }

  @Post(':id/refusal')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOperation({ summary: '不予受理 (FORWARDED → NOT_ACCEPTED)' })
  @LedgerResponse(caseTransactionOf('refuse'), 'The case after the step')
  @ApiBody({ type: ReasonDto })
  refuse(@CurrentCaller() caller: Caller, @IdentifierParam('id') id: string, @ReadBody(readReasonRequest) body: ReasonRequest): Promise<CaseView> {
    return this.cases.act(caller, id, 'refuse', body.reason);
  }

  @Post(':id/supplement')
  @HttpCode(200)
  @Roles('clerk')
  @ApiOperation({ summary: 'Hand in the requested materials as a new manifest version (SUPPLEMENT_REQUIRED → RECEIVED)' })
  @LedgerResponse(caseTransactionOf('supplement'), 'The case after the step')
  @ApiBody({ type: SupplementDto })
  supplement(
    @CurrentCaller() caller: Caller,
    @IdentifierParam('id') id: string,
    @ReadBody(readSupplement) materials: MaterialInput[],
  ): Promise<CaseView> {
    return this.cases.supplement(caller, id, materials);
  }

  @Post(':id/approval')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOperation({ summary: 'Approve (ACCEPTED → APPROVED)' })
  @LedgerResponse(caseTransactionOf('approve'), 'The case after the step')
  approve(@CurrentCaller() caller: Caller, @IdentifierParam('id') id: string): Promise<CaseView> {
    return this.cases.act(caller, id, 'approve');
  }

  @Post(':id/rejection')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOperation({ summary: 'Reject (ACCEPTED → REJECTED)' })
  @LedgerResponse(caseTransactionOf('reject'), 'The case after the step')
  @ApiBody({ type: ReasonDto })
  reject(@CurrentCaller() caller: Caller, @IdentifierParam('id') id: string, @ReadBody(readReasonRequest) body: ReasonRequest): Promise<CaseView> {
    return this.cases.act(caller, id, 'reject', body.reason);
  }

  @Post(':id/result')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOperation({ summary: 'Issue the result (APPROVED → RESULT_ISSUED)' })
  @LedgerResponse(caseTransactionOf('issueResult'), 'The case after the step')
  @ApiBody({ type: IssueResultDto })
  issueResult(@CurrentCaller() caller: Caller, @IdentifierParam('id') id: string, @ReadBody(readResultInput) result: ResultInput): Promise<CaseView> {
    return this.cases.issueResult(caller, id, result);
  }

  @Post(':id/delivery')
  @HttpCode(200)
  @Roles('clerk')
  @ApiOperation({ summary: 'Result handed to the applicant (RESULT_ISSUED → DELIVERED)' })
  @LedgerResponse(caseTransactionOf('deliver'), 'The case after the step')
  deliver(@CurrentCaller() caller: Caller, @IdentifierParam('id') id: string): Promise<CaseView> {
    return this.cases.act(caller, id, 'deliver');
  }
}
