import { Title } from '@mantine/core';

/** Placeholder: being built (issue 13). */
export function FeedbackReportPage() {
  return <Title order={2}>FeedbackReportPage</Title>;
}
