import { Title } from '@mantine/core';

/** Placeholder: being built (issue 13). */
export function OutboxPage() {
  return <Title order={2}>OutboxPage</Title>;
}
