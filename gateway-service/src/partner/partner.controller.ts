import { Controller, Get, HttpStatus, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerMsp } from '../common/auth/caller';
import { PartnerOnly } from '../common/auth/public.decorator';
import { IdentifierParam } from '../common/params';
import { fileResponse, Sha256Param } from '../materials/material-http';
import { MaterialsService } from '../materials/materials.service';
import { FileResponse, ProblemResponses } from '../openapi/responses';

/** What partner cities' gateways fetch here, authenticated by partner key. */
@ApiTags('partner')
@Controller('partner')
@PartnerOnly()
export class PartnerController {
  constructor(private readonly materials: MaterialsService) {}

  @Get('cases/:id/materials/:sha256')
  @ApiOperation({ summary: 'For the handling city: a material of a case received here' })
  @FileResponse('The material')
  @ProblemResponses(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND)
  async caseMaterial(@PartnerMsp() partner: string, @IdentifierParam('id') id: string, @Sha256Param() sha256: string): Promise<StreamableFile> {
    return fileResponse(await this.materials.partnerCaseMaterial(partner, id, sha256));
  }

  @Get('results/:certificateNumber/document')
  @ApiOperation({ summary: 'For partner cities: the document of a result issued here' })
  @FileResponse('The document')
  @ProblemResponses(HttpStatus.NOT_FOUND)
  async resultDocument(@IdentifierParam('certificateNumber') number: string): Promise<StreamableFile> {
    return fileResponse(await this.materials.partnerResultDocument(number));
  }
}
