import { Title } from '@mantine/core';

/** Placeholder: being built (issue 13). */
export function TrackFeedbackPage() {
  return <Title order={2}>TrackFeedbackPage</Title>;
}
