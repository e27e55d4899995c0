/**
 * The one evidence file of a campaign upload (readiness items, recommendations): multipart/form-data with a single
 * file in the field "file"; every way of sending it wrong is a 4xx naming the field, never a 500.
 */
import type { FastifyRequest } from 'fastify';
import { fieldError } from '../../http/errors';
import { malformedUpload, multipartErrorCode } from '../../http/multipart';
import { fileTooLarge } from '../dossiers/attachments';

export interface EvidenceUpload {
  fileName: string;
  bytes: Buffer;
}

export async function readEvidenceUpload(
  req: FastifyRequest,
  options: {
    /** The size limit the multipart plugin was registered with (for the 413's message). */
    maxBytes: number;
    /** The name of a file sent without one; by default the empty name is kept. */
    defaultName?: string;
    /** The message when no file was sent, Vietnamese then English. */
    missing: [string, string];
  },
): Promise<EvidenceUpload> {
  if (!req.isMultipart())
    throw fieldError(
      'body.file',
      'Gửi tệp dạng multipart/form-data, trường "file".',
      'Send the file as multipart/form-data, field "file".',
    );
  let upload: EvidenceUpload | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file' || upload)
        throw fieldError(
          'body.file',
          'Mỗi lần chỉ gửi một tệp, trường "file".',
          'Send one file, field "file".',
        );
      const fileName =
        options.defaultName === undefined ? part.filename : part.filename || options.defaultName;
      upload = { fileName, bytes: await part.toBuffer() };
    }
  } catch (e) {
    const code = multipartErrorCode(e);
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(options.maxBytes);
    if (code === 'FST_FILES_LIMIT')
      throw fieldError('body.file', 'Mỗi lần chỉ gửi một tệp.', 'Send one file at a time.');
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw fieldError('body', 'Biểu mẫu có quá nhiều trường.', 'The form has too many fields.');
    throw malformedUpload(e) ?? e;
  }
  if (!upload) throw fieldError('body.file', ...options.missing);
  return upload;
}
