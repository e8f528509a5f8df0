import { StreamableFile } from '@nestjs/common';
import { SHA256_RULE } from '@tongban/chaincode/domain';
import { ReadParam } from '../common/params';
import { StoredFile } from './material-store';

/** A path parameter holding a SHA-256 in hex. */
export const Sha256Param = (): ParameterDecorator => ReadParam('sha256', SHA256_RULE);

/** A stored file as the HTTP answer: its bytes, media type and length, named by its SHA-256. */
export function fileResponse(file: StoredFile): StreamableFile {
  return new StreamableFile(file.bytes, { type: file.mediaType, length: file.size, disposition: `inline; filename="${file.sha256}"` });
}
