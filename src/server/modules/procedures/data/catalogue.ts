/**
 * The procedure catalogue shipped with XãSố: the seed of version 1 of each procedure. The administrator edits,
 * imports and exports it afterwards (see ../domain/versioning.ts).
 */
import { type Procedure, Procedure as ProcedureSchema } from '../../../../common/api/procedures';
import { CERTIFICATION_PROCEDURES } from './chung-thuc';
import { RESIDENCE_AND_BUSINESS_PROCEDURES } from './cu-tru-kinh-doanh';
import { CIVIL_STATUS_PROCEDURES } from './ho-tich';
import { OTHER_PROCEDURES } from './others';

export const CATALOGUE: readonly Procedure[] = Object.freeze([
  ...CIVIL_STATUS_PROCEDURES,
  ...CERTIFICATION_PROCEDURES,
  ...RESIDENCE_AND_BUSINESS_PROCEDURES,
  ...OTHER_PROCEDURES,
]);

/** The catalogue, each entry parsed by the shared schema (throws on a malformed entry). */
export function loadCatalogue(): Procedure[] {
  return CATALOGUE.map((p) => ProcedureSchema.parse(p));
}
