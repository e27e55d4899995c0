/**
 * The checklist of a dossier (thành phần hồ sơ) as received: each required document of the procedure version the
 * dossier was received under, with the answer given at intake, whichever channel filed it. Shared by server and web.
 */
import { z } from 'zod';
import { DocumentForm } from './procedures';

export const CHECKLIST_ANSWERS = ['received', 'not_applicable', 'missing'] as const;
export const ChecklistAnswer = z.enum(CHECKLIST_ANSWERS);
export type ChecklistAnswer = z.infer<typeof ChecklistAnswer>;

export const DossierChecklist = z.object({
  procedure: z.object({ id: z.string().uuid(), version: z.number().int(), name: z.string() }),
  items: z.array(
    z.object({
      index: z.number().int(),
      name: z.string(),
      form: DocumentForm,
      count: z.number().int(),
      /** The catalogue's condition note, e.g. "Chỉ khi nộp thay theo ủy quyền.". */
      note: z.string().nullable(),
      answer: ChecklistAnswer,
    }),
  ),
});
export type DossierChecklist = z.infer<typeof DossierChecklist>;
