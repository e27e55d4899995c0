/**
 * A file that goes with an action (the specialist's draft result on "trình phê duyệt"): one of the dossier's own
 * attachments, uploaded first through the attachments API (type, size and checksum checked there). The history
 * keeps its id, name and SHA-256, so the step names exactly the file the leader saw.
 */
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/database';
import { fieldError } from '../../http/errors';
import { dossierAttachments } from './schema';

export interface ActionAttachment {
  id: string;
  fileName: string;
  sha256: string;
}

export async function actionAttachment(
  db: DbOrTx,
  dossierId: string,
  attachmentId: string,
): Promise<ActionAttachment> {
  const [row] = await db
    .select({
      id: dossierAttachments.id,
      fileName: dossierAttachments.fileName,
      sha256: dossierAttachments.sha256,
    })
    .from(dossierAttachments)
    .where(and(eq(dossierAttachments.id, attachmentId), eq(dossierAttachments.dossierId, dossierId)));
  if (!row) {
    throw fieldError(
      'body.attachmentId',
      'Hồ sơ không có tệp đính kèm mã {id}; hãy tải tệp lên hồ sơ trước.',
      'The dossier has no attachment {id}; upload the file to the dossier first.',
      { id: attachmentId },
    );
  }
  return row;
}
