import { AppError, text } from '../../http/errors';

export interface FieldProblem {
  field: string;
  message: { vi: string; en: string };
}

/** A 400 naming every bad field (the first one's text as the detail). */
export function invalid(problems: FieldProblem[]): AppError {
  return new AppError('validation_failed', problems[0]!.message, { errors: problems });
}

export function conflict(vi: string, en: string): AppError {
  return new AppError('conflict', text(vi, en));
}
