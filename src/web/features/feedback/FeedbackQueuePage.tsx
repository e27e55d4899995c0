import { Title } from '@mantine/core';

/** Placeholder: being built (issue 13). */
export function FeedbackQueuePage() {
  return <Title order={2}>FeedbackQueuePage</Title>;
}
