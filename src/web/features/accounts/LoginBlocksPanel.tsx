import { Alert, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { LoginBlock } from '../../../common/api/auth';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/datetime';

/**
 * Logins that must wait after repeated failures (per username and address; the account itself is never locked):
 * the administrator sees who and from where, and lifts a block when the owner asks.
 */
export function LoginBlocksPanel() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const blocks = useQuery({
    queryKey: ['login-blocks'],
    queryFn: ({ signal }) => api<{ items: LoginBlock[] }>('/api/v1/login-blocks', { signal }),
    refetchInterval: 30_000,
  });
  const lift = useMutation({
    mutationFn: (b: LoginBlock) =>
      api<{ removed: number }>('/api/v1/login-blocks', {
        method: 'DELETE',
        query: b.username
          ? { username: b.username, clientAddress: b.clientAddress ?? undefined }
          : { clientAddress: b.clientAddress ?? undefined },
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['login-blocks'] }),
  });
  const items = blocks.data?.items ?? [];
  if (!items.length && !blocks.isError) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="login-blocks-title">
      <Title order={2} size="h4" id="login-blocks-title">
        {t('accounts.blocks.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('accounts.blocks.intro')}
      </Text>
      {blocks.isError && <ErrorAlert error={blocks.error} onRetry={() => void blocks.refetch()} />}
      {lift.isError && <ErrorAlert error={lift.error} />}
      {lift.isSuccess && (
        <Alert color="green" role="status">
          {t('accounts.blocks.lifted')}
        </Alert>
      )}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('accounts.blocks.username')}</Table.Th>
            <Table.Th>{t('accounts.blocks.address')}</Table.Th>
            <Table.Th>{t('accounts.blocks.failures')}</Table.Th>
            <Table.Th>{t('accounts.blocks.until')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((b) => (
            <Table.Tr key={`${b.username}|${b.clientAddress}`}>
              <Table.Td>{b.username ?? t('accounts.blocks.anyUser')}</Table.Td>
              <Table.Td>{b.clientAddress ?? '—'}</Table.Td>
              <Table.Td>{b.failures}</Table.Td>
              <Table.Td>{formatDateTime(b.blockedUntil)}</Table.Td>
              <Table.Td>
                <Group justify="flex-end">
                  <Button size="xs" variant="light" loading={lift.isPending} onClick={() => lift.mutate(b)}>
                    {t('accounts.blocks.lift')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
