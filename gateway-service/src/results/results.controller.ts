import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ReasonDto, ReasonRequest, readReasonRequest } from '../cases/cases.dto';
import { Caller, CurrentCaller } from '../common/auth/caller';
import { AnyRole, Roles } from '../common/auth/roles.decorator';
import { IdentifierParam } from '../common/params';
import { ReadBody, ReadQuery } from '../common/validation';
import {
  readRecognitionRequest,
  readVerificationQuery,
  RecogniseResultDto,
  RecognitionRequest,
  VerificationQuery,
  VerifyResultQueryDto,
} from './results.dto';
import { ResultsService } from './results.service';
import { LedgerResponse } from '../openapi/responses';

/** 办理结果 and 结果互认. */
@ApiTags('results')
@Controller('results')
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  @Get(':certificateNumber')
  @AnyRole()
  @ApiOperation({ summary: 'An issued result' })
  @LedgerResponse('Results:GetResult', 'The result')
  get(@CurrentCaller() caller: Caller, @IdentifierParam('certificateNumber') number: string): Promise<unknown> {
    return this.results.get(caller.role, number);
  }

  @Get(':certificateNumber/verification')
  @AnyRole()
  @ApiOperation({ summary: 'Is this document a valid result? VALID, REVOKED, EXPIRED, UNKNOWN or HASH_MISMATCH' })
  @LedgerResponse('Results:VerifyResult', 'The verdict, with the result unless UNKNOWN')
  @ApiQuery({ type: VerifyResultQueryDto })
  verify(
    @CurrentCaller() caller: Caller,
    @IdentifierParam('certificateNumber') number: string,
    @ReadQuery(readVerificationQuery) query: VerificationQuery,
  ): Promise<unknown> {
    return this.results.verify(caller.role, number, query.documentSha256);
  }

  @Post(':certificateNumber/revocation')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOperation({ summary: 'Revoke a result this city issued; its recognitions become flagged' })
  @LedgerResponse('Results:RevokeResult', 'The result, REVOKED')
  @ApiBody({ type: ReasonDto })
  revoke(
    @CurrentCaller() caller: Caller,
    @IdentifierParam('certificateNumber') number: string,
    @ReadBody(readReasonRequest) body: ReasonRequest,
  ): Promise<unknown> {
    return this.results.revoke(caller.role, number, body.reason);
  }

  @Post(':certificateNumber/recognitions')
  @Roles('reviewer', 'clerk')
  @ApiOperation({ summary: "Recognise a partner city's result for this city's procedures (结果互认)" })
  @LedgerResponse('Results:RecogniseResult', 'The recognition as recorded', { status: HttpStatus.CREATED })
  @ApiBody({ type: RecogniseResultDto })
  recognise(
    @CurrentCaller() caller: Caller,
    @IdentifierParam('certificateNumber') number: string,
    @ReadBody(readRecognitionRequest) body: RecognitionRequest,
  ): Promise<unknown> {
    return this.results.recognise(caller.role, number, body.agreementId, body.purpose);
  }

  @Get(':certificateNumber/recognitions')
  @AnyRole()
  @ApiOperation({ summary: 'Recognitions of a result, flagged if it was revoked' })
  @LedgerResponse('Results:ListRecognitions', 'The recognitions')
  recognitions(@CurrentCaller() caller: Caller, @IdentifierParam('certificateNumber') number: string): Promise<unknown> {
    return this.results.recognitions(caller.role, number);
  }
}
