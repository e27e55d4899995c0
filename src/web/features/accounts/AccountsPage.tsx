import { Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Account } from '../../../common/api/auth';
import { Loading } from '../../components/Loading';
import { MorePages } from '../../components/MorePages';
import { usePageTitle } from '../../components/usePageTitle';
import { useSession } from '../auth/session';
import { isAdmin } from '../workspace/access';
import { PageError } from '../workspace/PageError';
import { Refusal } from '../workspace/Refusal';
import { AccountBadges, GrantText } from './AccountBadges';
import { useAccounts } from './api';
import { LoginBlocksPanel } from './LoginBlocksPanel';

/** /quan-tri/tai-khoan — the accounts, searched by user name or name (system administrators). */
export function AccountsPage() {
  const { t } = useTranslation();
  usePageTitle(t('accounts.title'));
  const user = useSession().data;
  const [params, setParams] = useSearchParams();
  const [typed, setTyped] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(typed.trim(), 300);
  const list = useAccounts(q);

  if (!isAdmin(user)) return <Refusal />;
  if (list.isError && !list.data) return <PageError error={list.error} onRetry={() => void list.refetch()} />;
  const accounts = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('accounts.title')}</Title>
        <Button component={Link} to="/quan-tri/tai-khoan/moi">
          {t('accounts.create')}
        </Button>
      </Group>
      <Text>{t('accounts.intro')}</Text>
      <TextInput
        label={t('accounts.search')}
        type="search"
        value={typed}
        onChange={(e) => {
          setTyped(e.currentTarget.value);
          setParams(e.currentTarget.value ? { q: e.currentTarget.value } : {}, { replace: true });
        }}
        spellCheck={false}
        autoComplete="off"
        maw={420}
      />
      {list.isPending ? (
        <Loading />
      ) : accounts.length === 0 ? (
        <Text role="status">{t('accounts.none')}</Text>
      ) : (
        <AccountsTable accounts={accounts} />
      )}
      <MorePages query={list} />
      <LoginBlocksPanel />
    </Stack>
  );
}

function AccountsTable({ accounts }: { accounts: Account[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover data-testid="accounts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('accounts.username')}</Table.Th>
            <Table.Th scope="col">{t('accounts.displayName')}</Table.Th>
            <Table.Th scope="col">{t('accounts.roles')}</Table.Th>
            <Table.Th scope="col">{t('accounts.statusLabel')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Th scope="row" fw={400}>
                <Anchor component={Link} to={`/quan-tri/tai-khoan/${a.id}`}>
                  {a.username}
                </Anchor>
              </Table.Th>
              <Table.Td>
                {a.displayName}
                {a.official && (
                  <Text size="xs" c="dimmed" data-testid="account-official">
                    {[a.official.fullName, ...a.official.titles].join(' — ')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {a.grants.length === 0
                  ? '—'
                  : a.grants.map((g) => (
                      <Text key={g.id} size="sm">
                        <GrantText grant={g} />
                      </Text>
                    ))}
              </Table.Td>
              <Table.Td>
                <AccountBadges account={a} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
