/**
 * Đánh giá mức độ hài lòng at return (hài lòng / bình thường / không hài lòng): once per dossier, only after
 * the result was returned, through the public channel (code + verifier); kept with the official who returned it.
 */
import type { RatingRequest } from '../../../common/api/dossiers';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, text } from '../../http/errors';
import { getCalendar } from '../calendar/service';
import { replay } from './domain';
import { findByVerifier } from './public-status';
import { dossierRatings } from './schema';
import { loadHistory } from './service';

class AlreadyRated extends Error {}

const alreadyRated = () =>
  new AppError(
    'conflict',
    text('Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần.', 'This dossier was already rated.'),
  );

export async function rateDossier(
  ctx: WriteContext,
  code: string,
  verifier: string,
  input: RatingRequest,
  now: Date = new Date(),
) {
  const row = await findByVerifier(ctx.db, code, verifier);
  const history = await loadHistory(ctx.db, row.id);
  const state = replay(history, await getCalendar(ctx.db));
  if (state.status !== 'returned') {
    throw new AppError(
      'conflict',
      text(
        'Chỉ đánh giá được sau khi đã nhận kết quả giải quyết hồ sơ.',
        'A dossier can be rated only after its result was returned.',
      ),
    );
  }
  const returned = history.findLast((h) => h.action.type === 'return_result');
  const returnedBy = returned?.actor.kind === 'official' ? returned.actor.id : null;
  const comment = input.comment?.trim() || null;
  try {
    await inTransaction(ctx, async (tx, audit) => {
      const inserted = await tx
        .insert(dossierRatings)
        .values({
          dossierId: row.id,
          communeCode: row.communeCode,
          rating: input.rating,
          comment,
          returnedBy,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: dossierRatings.dossierId });
      if (!inserted.length) throw new AlreadyRated();
      await audit({
        action: 'dossier.rate',
        entityType: 'dossier',
        entityId: row.id,
        communeCode: row.communeCode,
        after: { rating: input.rating, returnedBy },
      });
    });
  } catch (e) {
    if (e instanceof AlreadyRated) throw alreadyRated();
    throw e;
  }
  return { code: row.code, rating: input.rating, comment, ratedAt: now.toISOString() };
}
