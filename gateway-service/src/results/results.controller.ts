import { Controller, Get, Header, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ReasonDto, ReasonRequest, readReasonRequest } from '../cases/cases.dto';
import { ApiError } from '../common/api-error';
import { Caller, CurrentCaller } from '../common/auth/caller';
import { AnyRole, Roles } from '../common/auth/roles.decorator';
import { IdentifierParam } from '../common/params';
import { ReadBody, ReadQuery } from '../common/validation';
import { ImportReport } from './import/import-tally';
import { ResultImportService } from './import/result-import.service';
import {
  IMPORT_FILE_BODY,
  ImportReportDto,
  readRecognitionRequest,
  readVerificationQuery,
  RecogniseResultDto,
  RecognitionRequest,
  VerificationQuery,
  VerifyResultQueryDto,
} from './results.dto';
import { ResultsService } from './results.service';
import { LedgerResponse, ProblemResponses } from '../openapi/responses';

/** 办理结果 and 结果互认. */
@ApiTags('results')
@Controller('results')
export class ResultsController {
  constructor(
    private readonly results: ResultsService,
    private readonly imports: ResultImportService,
  ) {}

  @Post('imports')
  @HttpCode(200)
  @Roles('admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody(IMPORT_FILE_BODY)
  @ApiOperation({
    summary: "Import this city's historical results from a CSV or JSON Lines file, read as it arrives",
    description:
      'Answers what was created, what was already imported (unchanged) and every rejected row with its line and reason; ' +
      'the good rows are imported whatever the bad ones. The same file sent again changes nothing and says so (changed: false); ' +
      'an import that stopped resumes when its file is sent again.',
  })
  @ApiResponse({ status: HttpStatus.OK, description: 'What the import did, and every rejected row by line', type: ImportReportDto })
  @ProblemResponses(HttpStatus.BAD_GATEWAY)
  importResults(@CurrentCaller() caller: Caller, @Req() request: Request): Promise<ImportReport> {
    if (caller.staffSession) {
      // Thousands of transactions: the city's system imports them with its API key, not a person signing each.
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'STAFF_CANNOT_IMPORT',
        'bulk imports are made with the admin API key of the city’s system, not in a staff session',
      );
    }
    return this.imports.importFile(caller, request);
  }

  @Get(':certificateNumber')
  @AnyRole()
  @ApiOperation({ summary: 'An issued result' })
  @LedgerResponse('Results:GetResult', 'The result')
  get(@CurrentCaller() caller: Caller, @IdentifierParam('certificateNumber') number: string): Promise<unknown> {
    return this.results.get(caller.role, number);
  }

  @Get(':certificateNumber/qr.svg')
  @AnyRole()
  @Header('Content-Type', 'image/svg+xml')
  @ApiOperation({
    summary: "A QR code (SVG) of the result's link to the public verification page, to print on the licence",
    description: 'The link is TONGBAN_PUBLIC_URL/verify?certificate=<number>; a number with no result answers 404.',
  })
  @ApiProduces('image/svg+xml')
  @ApiResponse({ status: HttpStatus.OK, description: 'The QR code', content: { 'image/svg+xml': { schema: { type: 'string' } } } })
  @ProblemResponses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE)
  qrCode(@CurrentCaller() caller: Caller, @IdentifierParam('certificateNumber') number: string): Promise<string> {
    return this.results.qrCode(caller.role, number);
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
    return this.results.revoke(caller, number, body.reason);
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
    return this.results.recognise(caller, number, body.agreementId, body.purpose);
  }

  @Get(':certificateNumber/recognitions')
  @AnyRole()
  @ApiOperation({ summary: 'Recognitions of a result, flagged if it was revoked' })
  @LedgerResponse('Results:ListRecognitions', 'The recognitions')
  recognitions(@CurrentCaller() caller: Caller, @IdentifierParam('certificateNumber') number: string): Promise<unknown> {
    return this.results.recognitions(caller.role, number);
  }
}
