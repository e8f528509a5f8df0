import { Controller, Get, HttpStatus, Post, Put, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiError } from '../common/api-error';
import { Caller, CurrentCaller } from '../common/auth/caller';
import { AnyRole, Roles } from '../common/auth/roles.decorator';
import { IdentifierParam } from '../common/params';
import { fileResponse, Sha256Param } from './material-http';
import { MaterialsService } from './materials.service';

const FILE_BODY = {
  schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
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
  upload(@UploadedFile() file?: Express.Multer.File) {
    const uploaded = requireFile(file);
    return this.materials.upload(uploaded.buffer, uploaded.mimetype, uploaded.originalname);
  }

  @Get('cases/:id/materials/:sha256')
  @Roles('clerk', 'reviewer', 'auditor')
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: 'A material of a case; the handling city fetches it from the receiving city and checks its SHA-256' })
  async caseMaterial(@CurrentCaller() caller: Caller, @IdentifierParam('id') id: string, @Sha256Param() sha256: string): Promise<StreamableFile> {
    return fileResponse(await this.materials.caseMaterial(caller.role, id, sha256));
  }

  @Put('results/:certificateNumber/document')
  @Roles('reviewer')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiOperation({ summary: 'Store the document of a result this city issued (must match its SHA-256 on the ledger)' })
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
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: "A result's document, fetched from the issuing city and checked against the ledger" })
  async resultDocument(@CurrentCaller() caller: Caller, @IdentifierParam('certificateNumber') number: string): Promise<StreamableFile> {
    return fileResponse(await this.materials.resultDocument(caller.role, number));
  }
}
