import {
  Alert,
  Button,
  Code,
  Group,
  Modal,
  Paper,
  PasswordInput,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import type { Account } from '../../../common/api/auth';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormError, fieldError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { useSession } from '../auth/session';
import { isAdmin } from '../workspace/access';
import { PageError } from '../workspace/PageError';
import { Refusal } from '../workspace/Refusal';
import { AccountBadges, NamedGrantText } from './AccountBadges';
import { type GrantInput, useAccount, useAccountActions } from './api';
import { GrantFields, grantComplete, toGrant } from './GrantFields';
import { generatePassword } from './generatePassword';
import { OfficialSection } from './OfficialSection';

/** /quan-tri/tai-khoan/:id — an account: enable or disable it, its roles, a new temporary password. */
export function AccountPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const user = useSession().data;
  const location = useLocation();
  const query = useAccount(id);
  usePageTitle(query.data?.username ?? t('accounts.title'));

  if (!isAdmin(user)) return <Refusal />;
  if (query.isError) return <PageError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loading />;
  const account = query.data;
  const created = (location.state as { created?: boolean } | null)?.created;

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{account.displayName}</Title>
        <Group gap="sm">
          <Code>{account.username}</Code>
          <AccountBadges account={account} />
        </Group>
      </Stack>
      {created && (
        <Alert color="green" role="status" data-testid="account-created">
          {t('accounts.created', { username: account.username })}
        </Alert>
      )}
      <StatusSection account={account} />
      <GrantsSection account={account} />
      <OfficialSection account={account} />
      <ResetPasswordSection account={account} />
    </Stack>
  );
}

function StatusSection({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { setStatus } = useAccountActions(account.id);
  const [opened, { open, close }] = useDisclosure(false);
  const active = account.status === 'active';
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="status-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="status-heading">
          {t('accounts.statusLabel')}
        </Title>
        <Text size="sm">{active ? t('accounts.activeText') : t('accounts.disabledText')}</Text>
        {setStatus.isError && <ErrorAlert error={setStatus.error} />}
        <Button
          w="fit-content"
          color={active ? 'red' : 'teal'}
          variant="light"
          loading={setStatus.isPending}
          onClick={active ? open : () => setStatus.mutate('active')}
        >
          {active ? t('accounts.disable') : t('accounts.enable')}
        </Button>
      </Stack>
      <Modal
        opened={opened}
        onClose={close}
        title={t('accounts.disable')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Text size="sm" mb="md">
          {t('accounts.disableConfirm', { username: account.username })}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            onClick={() => {
              close();
              setStatus.mutate('disabled');
            }}
          >
            {t('accounts.disable')}
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}

function GrantsSection({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { addGrant, removeGrant } = useAccountActions(account.id);
  const [grant, setGrant] = useState<GrantInput>({
    role: 'specialist',
    provinceCode: null,
    communeCode: null,
  });
  const [checked, setChecked] = useState(false);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!grantComplete(grant)) return;
    addGrant.mutate(toGrant(grant), {
      onSuccess: () => {
        setChecked(false);
        setGrant({ ...grant, communeCode: null });
      },
    });
  };
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="grants-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="grants-heading">
          {t('accounts.roles')}
        </Title>
        {account.grants.length === 0 ? (
          <Text>{t('accounts.noRoles')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={420}>
            <Table striped data-testid="grants">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('accounts.role')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {account.grants.map((g) => (
                  <Table.Tr key={g.id}>
                    <Table.Td>
                      <NamedGrantText grant={g} />
                    </Table.Td>
                    <Table.Td>
                      <ConfirmButton
                        label={t('accounts.revokeAria', { role: t(`roles.${g.role}`) })}
                        title={t('accounts.revokeTitle')}
                        message={t('accounts.revokeText', { username: account.username })}
                        loading={removeGrant.isPending && removeGrant.variables === g.id}
                        onConfirm={() => removeGrant.mutate(g.id)}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {removeGrant.isError && <ErrorAlert error={removeGrant.error} />}
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <Title order={3} size="h4">
              {t('accounts.addRole')}
            </Title>
            <GrantFields
              value={grant}
              onChange={setGrant}
              scopeError={
                (checked && !grantComplete(grant) ? t('accounts.scopeRequired') : undefined) ??
                fieldError(addGrant.error, 'communeCode') ??
                fieldError(addGrant.error, 'provinceCode')
              }
            />
            {addGrant.isError && (
              <FormError
                error={addGrant.error}
                shown={(f) => f === 'body.communeCode' || f === 'body.provinceCode'}
              />
            )}
            <Button type="submit" w="fit-content" loading={addGrant.isPending}>
              {t('accounts.addRole')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}

function ResetPasswordSection({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { resetPassword } = useAccountActions(account.id);
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState(false);
  const [checked, setChecked] = useState(false);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!password) return;
    resetPassword.mutate(password, { onSuccess: () => setChecked(false) });
  };
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="reset-heading">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="reset-heading">
            {t('accounts.resetTitle')}
          </Title>
          <Text size="sm">{t('accounts.resetText')}</Text>
          <Group align="flex-end" gap="sm">
            <PasswordInput
              label={t('accounts.tempPassword')}
              description={t('password.policy')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              visible={shown}
              onVisibilityChange={setShown}
              autoComplete="new-password"
              w={320}
              error={
                (checked && !password ? t('forms.required') : undefined) ??
                fieldError(resetPassword.error, 'password')
              }
            />
            <Button
              variant="default"
              onClick={() => {
                setPassword(generatePassword());
                setShown(true);
              }}
            >
              {t('accounts.generate')}
            </Button>
          </Group>
          {resetPassword.isError && (
            <FormError error={resetPassword.error} shown={(f) => f === 'body.password'} />
          )}
          {resetPassword.isSuccess && (
            <Alert color="green" role="status">
              {t('accounts.resetDone')}
            </Alert>
          )}
          <Button type="submit" w="fit-content" loading={resetPassword.isPending}>
            {t('accounts.reset')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
