import { Controller, Get, HttpStatus, Post, Put, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiError } from '../common/api-error';
import { Caller, CurrentCaller } from '../common/auth/caller';
import { AnyRole, Roles } from '../common/auth/roles.decorator';
import { IdentifierParam } from '../common/params';
import { FILE_CONTENT_MARKER, FileResponse, ProblemResponses, RecordResponse } from '../openapi/responses';
import { fileResponse, Sha256Param } from './material-http';
import { StoredFileDto } from './materials.dto';
import { MaterialsService } from './materials.service';

const FILE_BODY = {
  schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
  // The media types the city's stores accept (see FILE_CONTENT_MARKER).
  encoding: { file: { contentType: FILE_CONTENT_MARKER } },
};

function requireFile(file: Express.Multer.File | undefined): Express.Multer.File {
  if (!file) {
    throw new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'send the file as multipart/form-data in the field "file"');
  }
  return file;
}

/** Materials of applications and documents of results, moved between cities with proof. */
@ApiTags('materials')
@Controller()
export class MaterialsController {
  constructor(private readonly materials: MaterialsService) {}

  @Post('materials')
  @Roles('clerk')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiOperation({ summary: "Store a material in this city's store; answers the manifest entry (SHA-256, size, type, location)" })
  @RecordResponse('MaterialEntry', 'The manifest entry of the stored file', HttpStatus.CREATED)
  @ProblemResponses(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
  upload(@UploadedFile() file?: Express.Multer.File) {
    const uploaded = requireFile(file);
    return this.materials.upload(uploaded.buffer, uploaded.mimetype, uploaded.originalname);
  }

  @Get('cases/:id/materials/:sha256')
  @Roles('clerk', 'reviewer', 'auditor')
  @ApiOperation({ summary: 'A material of a case; the handling city fetches it from the receiving city and checks its SHA-256' })
  @FileResponse('The material, checked against its SHA-256 in the manifest')
  @ProblemResponses(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE)
  async caseMaterial(@CurrentCaller() caller: Caller, @IdentifierParam('id') id: string, @Sha256Param() sha256: string): Promise<StreamableFile> {
    return fileResponse(await this.materials.caseMaterial(caller.role, id, sha256));
  }

  @Put('results/:certificateNumber/document')
  @Roles('reviewer')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiOperation({ summary: 'Store the document of a result this city issued (must match its SHA-256 on the ledger)' })
  @ApiResponse({ status: HttpStatus.OK, description: 'The stored document', type: StoredFileDto })
  @ProblemResponses(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.UNSUPPORTED_MEDIA_TYPE, HttpStatus.BAD_GATEWAY)
  uploadResultDocument(
    @CurrentCaller() caller: Caller,
    @IdentifierParam('certificateNumber') number: string,
    @UploadedFile() file?: Express.Multer.File,
  ) {
    const uploaded = requireFile(file);
    return this.materials.uploadResultDocument(caller.role, number, uploaded.buffer, uploaded.mimetype);
  }

  @Get('results/:certificateNumber/document')
  @AnyRole()
  @ApiOperation({ summary: "A result's document, fetched from the issuing city and checked against the ledger" })
  @FileResponse('The document, checked against its SHA-256 on the ledger')
  @ProblemResponses(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE)
  async resultDocument(@CurrentCaller() caller: Caller, @IdentifierParam('certificateNumber') number: string): Promise<StreamableFile> {
    return fileResponse(await this.materials.resultDocument(caller.role, number));
  }
}
