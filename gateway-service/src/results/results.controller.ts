import { Controller, Get, HttpCode, Post } from '@nestjs/common';
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

/** 办理结果 and 结果互认. */
@ApiTags('results')
@Controller('results')
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  @Get(':certificateNumber')
  @AnyRole()
  @ApiOperation({ summary: 'An issued result' })
  get(@CurrentCaller() caller: Caller, @IdentifierParam('certificateNumber') number: string): Promise<unknown> {
    return this.results.get(caller.role, number);
  }

  @Get(':certificateNumber/verification')
  @AnyRole()
  @ApiOperation({ summary: 'Is this document a valid result? VALID, REVOKED, EXPIRED, UNKNOWN or HASH_MISMATCH' })
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
  recognitions(@CurrentCaller() caller: Caller, @IdentifierParam('certificateNumber') number: string): Promise<unknown> {
    return this.results.recognitions(caller.role, number);
  }
}
