import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReasonDto } from '../cases/cases.dto';
import { Caller, CurrentCaller } from '../common/auth/caller';
import { AnyRole, Roles } from '../common/auth/roles.decorator';
import { IdentifierParam } from '../common/params';
import { RecogniseResultDto, VerifyResultQueryDto } from './results.dto';
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
  verify(
    @CurrentCaller() caller: Caller,
    @IdentifierParam('certificateNumber') number: string,
    @Query() query: VerifyResultQueryDto,
  ): Promise<unknown> {
    return this.results.verify(caller.role, number, query.documentSha256);
  }

  @Post(':certificateNumber/revocation')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOperation({ summary: 'Revoke a result this city issued; its recognitions become flagged' })
  revoke(@CurrentCaller() caller: Caller, @IdentifierParam('certificateNumber') number: string, @Body() body: ReasonDto): Promise<unknown> {
    return this.results.revoke(caller.role, number, body.reason);
  }

  @Post(':certificateNumber/recognitions')
  @Roles('reviewer', 'clerk')
  @ApiOperation({ summary: "Recognise a partner city's result for this city's procedures (结果互认)" })
  recognise(
    @CurrentCaller() caller: Caller,
    @IdentifierParam('certificateNumber') number: string,
    @Body() body: RecogniseResultDto,
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
