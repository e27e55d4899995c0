/**
 * Whether a commune's organisation is staffed today, for the campaign's readiness checklist ("cán bộ đủ các vị
 * trí", checked from the records). Rule: the organisation is activated, and every open body whose template names
 * titles to hold there (Đảng ủy's committee, HĐND, UBND, the specialised bodies, the service centre …) has at
 * least one active official holding a position in it today. Bodies added by hand without a template key, and
 * container nodes without titles, are not counted (nothing says who must sit there).
 */
import { and, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/database';
import { orgBodies, orgCommunes, orgOfficials, orgPositions } from './schema';
import { titlesOf } from './template';

export interface PositionsFilled {
  activated: boolean;
  filled: boolean;
  /** Bodies that need holders, and the names of those without anyone today. */
  bodies: number;
  emptyBodies: string[];
}

export async function positionsFilledOf(
  db: DbOrTx,
  communeCodes: readonly string[],
  today: string,
): Promise<Map<string, PositionsFilled>> {
  const out = new Map<string, PositionsFilled>();
  if (communeCodes.length === 0) return out;
  const codes = [...communeCodes];
  const activated = new Set(
    (
      await db
        .select({ communeCode: orgCommunes.communeCode })
        .from(orgCommunes)
        .where(inArray(orgCommunes.communeCode, codes))
    ).map((r) => r.communeCode),
  );
  const bodies = await db
    .select({
      id: orgBodies.id,
      communeCode: orgBodies.communeCode,
      name: orgBodies.name,
      templateKey: orgBodies.templateKey,
    })
    .from(orgBodies)
    .where(and(inArray(orgBodies.communeCode, codes), isNull(orgBodies.closedOn)));
  const held = new Set(
    (
      await db
        .selectDistinct({ bodyId: orgPositions.bodyId })
        .from(orgPositions)
        .innerJoin(orgOfficials, eq(orgOfficials.id, orgPositions.officialId))
        .where(
          and(
            inArray(orgPositions.communeCode, codes),
            eq(orgOfficials.status, 'active'),
            lte(orgPositions.startDate, today),
            or(isNull(orgPositions.endDate), gte(orgPositions.endDate, today)),
          ),
        )
    ).map((r) => r.bodyId),
  );
  for (const code of codes) {
    const needed = bodies.filter((b) => b.communeCode === code && titlesOf(b.templateKey).length > 0);
    const emptyBodies = needed.filter((b) => !held.has(b.id)).map((b) => b.name);
    const isActivated = activated.has(code);
    out.set(code, {
      activated: isActivated,
      filled: isActivated && needed.length > 0 && emptyBodies.length === 0,
      bodies: needed.length,
      emptyBodies,
    });
  }
  return out;
}
