/** Importing the procedure catalogue (JSON or XLSX): the plan a dry run shows, and what an import did. */
import { z } from 'zod';

const Label = z.object({ vi: z.string(), en: z.string() });

const Entry = z.object({ procedureId: z.string().uuid(), code: z.string(), name: z.string() });

export const CatalogueImportReport = z.object({
  format: z.enum(['json', 'xlsx']),
  dryRun: z.boolean(),
  /** No error: the import may run (or ran). */
  valid: z.boolean(),
  /** Something was written (false on a dry run, an invalid file, or a file that changes nothing). */
  imported: z.boolean(),
  /** Procedures in the file. */
  total: z.number().int(),
  created: z.array(Entry),
  updated: z.array(
    Entry.extend({
      fromVersion: z.number().int(),
      toVersion: z.number().int(),
      changes: z.array(z.object({ path: z.string(), label: Label, before: z.unknown(), after: z.unknown() })),
    }),
  ),
  unchanged: z.array(Entry),
  errors: z.array(
    z.object({
      /** XLSX: the sheet; JSON: null. */
      sheet: z.string().nullable(),
      /** XLSX: the row in the sheet; JSON: the procedure's position in the array, from 1. 0: the file. */
      row: z.number().int(),
      /** XLSX: the column heading; JSON: null. */
      column: z.string().nullable(),
      /** The field path inside the procedure ("timeLimit.days"), "" for the whole row. */
      path: z.string(),
      message: Label,
    }),
  ),
});
export type CatalogueImportReport = z.infer<typeof CatalogueImportReport>;
