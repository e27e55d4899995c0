import { Title } from '@mantine/core';

/** Placeholder: being built (issue 13). */
export function ProvinceFeedbackPage() {
  return <Title order={2}>ProvinceFeedbackPage</Title>;
}
