import { Controller, Get, Header, HttpStatus } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SHA256_RULE } from '@tongban/chaincode/domain';
import { Public } from '../common/auth/public.decorator';
import { IdentifierParam, ReadQueryParam } from '../common/params';
import { problemResponse, ProblemResponses } from '../openapi/responses';
import { PublicVerdictDto } from './public-verification.dto';
import { PublicVerdict } from './public-verdict';
import { PublicVerificationService } from './public-verification.service';

/** The refusal codes of bad input, one per field, so the page can point at the field. */
export const INVALID_CERTIFICATE_NUMBER = 'INVALID_CERTIFICATE_NUMBER';
export const INVALID_DOCUMENT_SHA256 = 'INVALID_DOCUMENT_SHA256';

/** What the public verification page (/verify) calls: no API key, a lower rate limit per address (http-setup.ts). */
@ApiTags('public')
@Public()
@Controller('public/results')
export class PublicVerificationController {
  constructor(private readonly verification: PublicVerificationService) {}

  @Get(':certificateNumber/verification')
  // A verdict changes when the licence is revoked or expires: no cache along the way may keep it.
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Anyone: is this document the licence issued under this number? VALID, REVOKED, EXPIRED, UNKNOWN or HASH_MISMATCH',
    description:
      'No API key. The issuing city and the dates are given only when the document is the one issued; ' +
      'no holder or applicant data is ever given. Rate-limited per client address (TONGBAN_RATE_LIMIT_PUBLIC_PER_ADDRESS).',
  })
  @ApiResponse({ status: HttpStatus.OK, description: 'The verdict', type: PublicVerdictDto })
  @ApiResponse({
    status: HttpStatus.BAD_REQUEST,
    ...problemResponse(HttpStatus.BAD_REQUEST),
    description: `A field breaks its rule: ${INVALID_CERTIFICATE_NUMBER} or ${INVALID_DOCUMENT_SHA256}`,
  })
  @ProblemResponses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE)
  verify(
    @IdentifierParam('certificateNumber', INVALID_CERTIFICATE_NUMBER) certificateNumber: string,
    @ReadQueryParam('documentSha256', SHA256_RULE, INVALID_DOCUMENT_SHA256, 'SHA-256 of the document presented (hashed where it is, never sent)')
    documentSha256: string,
  ): Promise<PublicVerdict> {
    return this.verification.verify(certificateNumber, documentSha256);
  }
}
