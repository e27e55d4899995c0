import { Title } from '@mantine/core';

/** Placeholder: being built (issue 13). */
export function PublicFeedbackPage() {
  return <Title order={2}>PublicFeedbackPage</Title>;
}
