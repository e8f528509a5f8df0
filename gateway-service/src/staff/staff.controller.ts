import { Controller, Delete, Get, Headers, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiError } from '../common/api-error';
import { bearerTokenOf } from '../common/auth/api-key.guard';
import { Caller, CurrentCaller } from '../common/auth/caller';
import { Public } from '../common/auth/public.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { IdentifierParam } from '../common/params';
import { ReadBody, ReadOptionalBody } from '../common/validation';
import { ProblemResponses } from '../openapi/responses';
import {
  EnrolledDto,
  EnrolmentDto,
  EnrolmentRequest,
  InvitationDto,
  InviteStaffDto,
  InviteStaffRequest,
  readEnrolmentRequest,
  readInviteStaffRequest,
  readStatusChangeRequest,
  StaffMemberDto,
  StatusChangeDto,
} from './staff.dto';
import {
  CommittedDto,
  PrepareRequest,
  PrepareTransactionDto,
  readPrepareRequest,
  readSignatureRequest,
  readSignInRequest,
  SignatureDto,
  SignInDto,
  StaffSessionDto,
  ToSignDto,
} from './staff-signing.dto';
import { StaffSessions } from './staff-sessions';
import { StaffSigningService } from './staff-signing.service';
import { StaffMember } from './staff-store';
import { StaffService } from './staff.service';

const StaffId = () => IdentifierParam('id');
const TransactionId = () => IdentifierParam('id');

/** The city's staff: invited by an admin, each signing with a key of their own. */
@ApiTags('staff')
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Invite a staff member: the city’s CA registers them with the role; the answer holds their one-time enrolment secret',
  })
  @ApiBody({ type: InviteStaffDto })
  @ApiResponse({ status: HttpStatus.CREATED, description: 'The invitation, with the enrolment secret (shown only here)', type: InvitationDto })
  @ProblemResponses(HttpStatus.FORBIDDEN, HttpStatus.SERVICE_UNAVAILABLE)
  invite(
    @CurrentCaller() caller: Caller,
    @ReadBody(readInviteStaffRequest) body: InviteStaffRequest,
  ): Promise<StaffMember & { enrolmentSecret: string }> {
    return this.staff.invite(body, caller.name);
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'The city’s staff members' })
  @ApiResponse({ status: HttpStatus.OK, description: 'Every staff member, without secrets', type: [StaffMemberDto] })
  list(): Promise<StaffMember[]> {
    return this.staff.list();
  }

  @Get(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'A staff member' })
  @ApiResponse({ status: HttpStatus.OK, description: 'The staff member', type: StaffMemberDto })
  @ProblemResponses(HttpStatus.NOT_FOUND)
  get(@StaffId() id: string): Promise<StaffMember> {
    return this.staff.get(id);
  }

  @Post(':id/suspension')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Suspend a staff member: the signing routes refuse them until they are reinstated (revoke them to have the peers refuse them too)',
  })
  @ApiBody({ type: StatusChangeDto, required: false })
  @ApiResponse({ status: HttpStatus.OK, description: 'The staff member, SUSPENDED', type: StaffMemberDto })
  @ProblemResponses(HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  suspend(@StaffId() id: string, @ReadOptionalBody(readStatusChangeRequest) body: { reason?: string }): Promise<StaffMember> {
    return this.staff.setSuspended(id, true, body.reason);
  }

  @Delete(':id/suspension')
  @Roles('admin')
  @ApiOperation({ summary: 'Reinstate a suspended staff member' })
  @ApiResponse({ status: HttpStatus.OK, description: 'The staff member, ACTIVE again (INVITED if never enrolled)', type: StaffMemberDto })
  @ProblemResponses(HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  reinstate(@StaffId() id: string): Promise<StaffMember> {
    return this.staff.setSuspended(id, false);
  }

  @Post(':id/revocation')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Revoke a staff member for good: the city’s CA revokes their certificates',
    description: 'The channel refuses them once the CA’s new revocation list is in the city’s MSP: `network.sh revoke CITY ID`.',
  })
  @ApiBody({ type: StatusChangeDto, required: false })
  @ApiResponse({ status: HttpStatus.OK, description: 'The staff member, REVOKED', type: StaffMemberDto })
  @ProblemResponses(HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.SERVICE_UNAVAILABLE)
  revoke(@StaffId() id: string, @ReadOptionalBody(readStatusChangeRequest) body: { reason?: string }): Promise<StaffMember> {
    return this.staff.revoke(id, body.reason);
  }
}

/** The staff member's own enrolment, from their browser: no API key, the public rate limit (it is under /public). */
@ApiTags('staff')
@Public()
@Controller('public/staff')
export class StaffEnrolmentController {
  constructor(
    private readonly staff: StaffService,
    private readonly sessions: StaffSessions,
  ) {}

  @Post('enrolment')
  @ApiOperation({
    summary: 'A staff member enrols with their one-time secret and a certification request for a key made in their browser',
    description: 'The key never leaves the browser; the city’s CA signs the request. An unknown ID or a used secret is refused (403).',
  })
  @ApiBody({ type: EnrolmentDto })
  @ApiResponse({ status: HttpStatus.CREATED, description: 'The certificate', type: EnrolledDto })
  @ProblemResponses(HttpStatus.FORBIDDEN, HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE)
  enrol(@ReadBody(readEnrolmentRequest) body: EnrolmentRequest): Promise<{ id: string; mspId: string; certificate: string }> {
    return this.staff.enrol(body.id, body.secret, body.certificateRequest);
  }

  @Post('sessions')
  @ApiOperation({
    summary: 'A staff member starts to sign in: answers a challenge for the key of their certificate to sign',
    description: 'Only an ACTIVE member presenting the certificate enrolled for them gets one (403 otherwise).',
  })
  @ApiBody({ type: SignInDto })
  @ApiResponse({ status: HttpStatus.CREATED, description: 'The challenge to sign, valid 2 minutes', type: ToSignDto })
  @ProblemResponses(HttpStatus.FORBIDDEN)
  challenge(@ReadBody(readSignInRequest) body: { certificate: string }): Promise<{ id: string; toSign: string }> {
    return this.sessions.challenge(body.certificate);
  }

  @Post('sessions/:id')
  @ApiOperation({
    summary: 'The signed challenge opens a session: a bearer token for the API routes of the member’s role',
    description:
      'In a session, a route that writes to the ledger answers 202 with the proposal to sign (signatureNeeded): the member signs it and the next messages through public/staff/transactions. The session ends when the member is suspended or revoked.',
  })
  @ApiBody({ type: SignatureDto })
  @ApiResponse({ status: HttpStatus.CREATED, description: 'The session', type: StaffSessionDto })
  @ProblemResponses(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN)
  signIn(@IdentifierParam('id') id: string, @ReadBody(readSignatureRequest) body: { signature: Uint8Array }): Promise<StaffSessionDto> {
    return this.sessions.signIn(id, body.signature);
  }

  @Delete('sessions/current')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends the session of the bearer token sent (Authorization: Bearer …)' })
  @ApiResponse({ status: HttpStatus.NO_CONTENT, description: 'Signed out (also when the session had already ended)' })
  @ProblemResponses(HttpStatus.UNAUTHORIZED)
  signOut(@Headers('authorization') authorization?: string): void {
    const token = bearerTokenOf(authorization);
    if (!token) throw new ApiError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'send the session’s token in the Authorization header: Bearer …');
    this.sessions.signOut(token);
  }
}

/**
 * A staff member's transaction, signed by them (offline signing): prepare it,
 * then sign what each answer's `toSign` holds and send the signature to the
 * next step. No API key: the certificate names the member, and only their
 * key's signatures get the messages accepted by the peers and orderers.
 */
@ApiTags('staff')
@Public()
@Controller('public/staff/transactions')
export class StaffTransactionsController {
  constructor(private readonly signing: StaffSigningService) {}

  @Post()
  @ApiOperation({ summary: 'Prepare the proposal of a transaction in the name of an ACTIVE staff member of this city' })
  @ApiBody({ type: PrepareTransactionDto })
  @ApiResponse({ status: HttpStatus.CREATED, description: 'The transaction ID and the proposal to sign', type: ToSignDto })
  @ProblemResponses(HttpStatus.FORBIDDEN, HttpStatus.SERVICE_UNAVAILABLE)
  prepare(@ReadBody(readPrepareRequest) body: PrepareRequest): Promise<{ id: string; toSign: string }> {
    return this.signing.prepare(body);
  }

  @Post(':id/endorsement')
  @HttpCode(200)
  @ApiOperation({ summary: 'The signed proposal goes to the peers; answers the transaction to sign and the endorsed result' })
  @ApiBody({ type: SignatureDto })
  @ApiResponse({ status: HttpStatus.OK, description: 'The transaction to sign', type: ToSignDto })
  @ProblemResponses(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE)
  endorse(@TransactionId() id: string, @ReadBody(readSignatureRequest) body: { signature: Uint8Array }): Promise<{ id: string; toSign: string }> {
    return this.signing.endorse(id, body.signature);
  }

  @Post(':id/submission')
  @HttpCode(200)
  @ApiOperation({ summary: 'The signed transaction goes to the orderers; answers the commit status request to sign' })
  @ApiBody({ type: SignatureDto })
  @ApiResponse({ status: HttpStatus.OK, description: 'The commit status request to sign', type: ToSignDto })
  @ProblemResponses(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE)
  submit(@TransactionId() id: string, @ReadBody(readSignatureRequest) body: { signature: Uint8Array }): Promise<{ id: string; toSign: string }> {
    return this.signing.submit(id, body.signature);
  }

  @Post(':id/commit')
  @HttpCode(200)
  @ApiOperation({ summary: 'The signed commit status request: waits for the block and answers how the transaction ended' })
  @ApiBody({ type: SignatureDto })
  @ApiResponse({ status: HttpStatus.OK, description: 'How it ended', type: CommittedDto })
  @ProblemResponses(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE)
  commit(@TransactionId() id: string, @ReadBody(readSignatureRequest) body: { signature: Uint8Array }): Promise<object> {
    return this.signing.status(id, body.signature);
  }
}
