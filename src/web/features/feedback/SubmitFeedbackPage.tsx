import { Title } from '@mantine/core';

/** Placeholder: being built (issue 13). */
export function SubmitFeedbackPage() {
  return <Title order={2}>SubmitFeedbackPage</Title>;
}
