/**
 * Defaults of a province's feedback settings (feedback_settings), used until the province records its own.
 * Both numbers are not fixed by law [U]: configurable per province.
 */
export interface FeedbackSettingsValues {
  /** Working days after the due date before an overdue report is escalated to the province (level 2). [U] */
  provinceEscalationDays: number;
  /** A report is "due soon" when at most this many working days remain. [U] */
  dueSoonDays: number;
}

export const DEFAULT_FEEDBACK_SETTINGS: FeedbackSettingsValues = {
  provinceEscalationDays: 5,
  dueSoonDays: 2,
};
