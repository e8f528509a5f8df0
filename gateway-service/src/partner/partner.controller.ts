import { applyDecorators, Controller, Get, HttpStatus, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PartnerMsp } from '../common/auth/caller';
import { IdentifierParam } from '../common/params';
import { fileResponse, Sha256Param } from '../materials/material-http';
import { MaterialsService } from '../materials/materials.service';
import { FileResponse, problemResponse, ProblemResponses } from '../openapi/responses';
import { PARTNER_CERTIFICATE_REFUSALS, PartnerOnly } from './partner-certificate.guard';

/** How partner routes authenticate, for the OpenAPI document. */
const MUTUAL_TLS =
  "Mutual TLS, no API key: call over HTTPS presenting your city gateway's TLS client certificate. It must chain (signatures, " +
  "validity dates, CA flags) to a TLS root or intermediate CA of an organisation in the channel's configuration, which the " +
  'gateway reads from the channel while it runs; that organisation is the calling city. A certificate of this city is refused.';

/** The certificate guard's refusals with `status`, as `CODE: meaning` items. */
const refusalsWith = (status: HttpStatus): string =>
  Object.entries(PARTNER_CERTIFICATE_REFUSALS)
    .filter(([, [refusalStatus]]) => refusalStatus === status)
    .map(([code, [, meaning]]) => `${code}: ${meaning}`)
    .join('; ');

/** The 401 and 403 of a partner route: the certificate guard's codes, and the route's own reasons for 403. */
const CertificateRefusals = (forbiddenAlso?: string): MethodDecorator =>
  applyDecorators(
    ApiResponse({
      ...problemResponse(HttpStatus.UNAUTHORIZED),
      status: HttpStatus.UNAUTHORIZED,
      description: `The client certificate is refused (${refusalsWith(HttpStatus.UNAUTHORIZED)})`,
    }),
    ApiResponse({
      ...problemResponse(HttpStatus.FORBIDDEN),
      status: HttpStatus.FORBIDDEN,
      description: `The caller may not have this (${[refusalsWith(HttpStatus.FORBIDDEN), ...(forbiddenAlso ? [forbiddenAlso] : [])].join('; ')})`,
    }),
  );

/** What partner cities' gateways fetch here, authenticated by their TLS client certificates. */
@ApiTags('partner')
@Controller('partner')
@PartnerOnly()
export class PartnerController {
  constructor(private readonly materials: MaterialsService) {}

  @Get('cases/:id/materials/:sha256')
  @ApiOperation({ summary: 'For the handling city: a material of a case received here', description: MUTUAL_TLS })
  @FileResponse('The material')
  @CertificateRefusals('FORBIDDEN: the calling city is not the handling city of the case')
  @ProblemResponses(HttpStatus.NOT_FOUND)
  async caseMaterial(@PartnerMsp() partner: string, @IdentifierParam('id') id: string, @Sha256Param() sha256: string): Promise<StreamableFile> {
    return fileResponse(await this.materials.partnerCaseMaterial(partner, id, sha256));
  }

  @Get('results/:certificateNumber/document')
  @ApiOperation({ summary: 'For partner cities: the document of a result issued here', description: MUTUAL_TLS })
  @FileResponse('The document')
  @CertificateRefusals()
  @ProblemResponses(HttpStatus.NOT_FOUND)
  async resultDocument(@IdentifierParam('certificateNumber') number: string): Promise<StreamableFile> {
    return fileResponse(await this.materials.partnerResultDocument(number));
  }
}
