/**
 * The file of a multipart/form-data request, as a stream read while it
 * arrives (busboy): nothing holds the whole file, and the request is read
 * only as fast as the file is.
 */
import { HttpStatus } from '@nestjs/common';
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { ApiError } from '../../common/api-error';

/** The uploaded file: its bytes as they arrive (the format is read from the content, not from its name or type). */
export interface Upload {
  stream: Readable;
  /** Stops reading the request: its rest is discarded, so that an answer can be given before the file's end. */
  discard(): void;
}

const noFile = (field: string): ApiError =>
  new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `send the file as multipart/form-data in the field "${field}"`);

/**
 * The file in field `field` of `request`, once its part begins. Refused 400
 * when the request is not multipart or has no such file; a file over
 * `maxBytes` fails its stream with 413 PAYLOAD_TOO_LARGE, a request cut off
 * (client gone, form malformed) with 400 MALFORMED_REQUEST.
 */
export function uploadedFile(request: IncomingMessage, field: string, maxBytes: number): Promise<Upload> {
  const contentType = request.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) return Promise.reject(noFile(field));
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + 64 * 1024) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { files: 1, fileSize: maxBytes, fields: 20, parts: 30 } });
    } catch {
      reject(noFile(field));
      return;
    }
    let found = false;
    const discard = (): void => {
      request.unpipe(parser);
      parser.destroy();
      request.resume();
    };
    parser.on('file', (name, stream) => {
      if (name !== field || found) {
        stream.resume();
        return;
      }
      found = true;
      // Its reader sees a failure through its iteration; this listener only keeps a late one from being unhandled.
      stream.on('error', () => undefined);
      stream.on('limit', () => stream.destroy(tooLarge(maxBytes)));
      resolve({ stream, discard });
    });
    parser.on('error', (error: unknown) => {
      // Once the file was handed over, busboy fails its stream too, which its reader sees.
      if (!found) reject(malformed(error));
    });
    parser.on('close', () => {
      if (!found) reject(noFile(field));
    });
    request.on('close', () => {
      if (!request.complete) parser.destroy(malformed(new Error('the request ended before the file did')));
    });
    request.pipe(parser);
  });
}

const tooLarge = (maxBytes: number): ApiError =>
  new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, 'PAYLOAD_TOO_LARGE', `the file is larger than the limit of ${maxBytes} bytes`);

const malformed = (error: unknown): ApiError =>
  new ApiError(
    HttpStatus.BAD_REQUEST,
    'MALFORMED_REQUEST',
    `the multipart request could not be read (${error instanceof Error ? error.message : String(error)})`,
  );
