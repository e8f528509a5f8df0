import { HttpStatus, Param, StreamableFile } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import { SHA256_PATTERN } from '../common/validation';
import { StoredFile } from './material-store';

/** A path parameter holding a SHA-256 in hex. */
export const Sha256Param = (): ParameterDecorator =>
  Param('sha256', {
    transform(value: string) {
      if (!SHA256_PATTERN.test(value)) {
        throw new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'sha256 must be 64 lower-case hex digits (SHA-256)');
      }
      return value;
    },
  });

/** A stored file as the HTTP answer: its bytes, media type and length, named by its SHA-256. */
export function fileResponse(file: StoredFile): StreamableFile {
  return new StreamableFile(file.bytes, { type: file.mediaType, length: file.size, disposition: `inline; filename="${file.sha256}"` });
}
