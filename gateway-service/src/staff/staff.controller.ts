import { Controller, Delete, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
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
import { StaffMember } from './staff-store';
import { StaffService } from './staff.service';

const StaffId = () => IdentifierParam('id');

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
  @ApiOperation({ summary: 'Mark a staff member SUSPENDED until reinstated (revoke them to have the peers refuse what they sign)' })
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
  constructor(private readonly staff: StaffService) {}

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
}
