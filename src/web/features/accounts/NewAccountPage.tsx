import { Button, Fieldset, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { FormError, fieldError } from '../../components/FormError';
import { usePageTitle } from '../../components/usePageTitle';
import { useSession } from '../auth/session';
import { isAdmin } from '../workspace/access';
import { Refusal } from '../workspace/Refusal';
import { type GrantInput, useCreateAccount } from './api';
import { GrantFields, grantComplete, toGrant } from './GrantFields';
import { generatePassword } from './generatePassword';

const USERNAME = /^[a-z0-9._-]{3,50}$/;
const emptyGrant = (): GrantInput & { key: number } => ({
  key: Date.now() + Math.random(),
  role: 'specialist',
  provinceCode: null,
  communeCode: null,
});

/** The message for grant i's commune or province (the server names 'body.grants.<i>.communeCode' …). */
function grantError(error: unknown, i: number): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.errors.find((e) => e.field.startsWith(`body.grants.${i}.`))?.message;
}

/** /quan-tri/tai-khoan/moi — a new account with a temporary password and its roles. */
export function NewAccountPage() {
  const { t } = useTranslation();
  usePageTitle(t('accounts.create'));
  const user = useSession().data;
  const create = useCreateAccount();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState(false);
  const [grants, setGrants] = useState([emptyGrant()]);
  const [checked, setChecked] = useState(false);

  if (!isAdmin(user)) return <Refusal />;

  const usernameValid = USERNAME.test(username.trim().toLowerCase());
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!usernameValid || displayName.trim().length < 2 || !password || !grants.every(grantComplete)) return;
    create.mutate(
      {
        username: username.trim().toLowerCase(),
        displayName: displayName.trim(),
        password,
        grants: grants.map(toGrant),
      },
      { onSuccess: (a) => void navigate(`/quan-tri/tai-khoan/${a.id}`, { state: { created: true } }) },
    );
  };

  return (
    <Stack gap="md">
      <Title order={1}>{t('accounts.create')}</Title>
      <Text>{t('accounts.createIntro')}</Text>
      <Paper withBorder p="lg" component="form" onSubmit={onSubmit} noValidate maw={860}>
        <Stack gap="sm">
          <Group align="flex-start" gap="sm" grow preventGrowOverflow={false}>
            <TextInput
              label={t('accounts.username')}
              description={t('accounts.usernameHint')}
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              required
              autoCapitalize="none"
              autoComplete="off"
              spellCheck={false}
              maxLength={50}
              miw={240}
              error={
                (checked && !usernameValid ? t('accounts.usernameInvalid') : undefined) ??
                fieldError(create.error, 'username')
              }
            />
            <TextInput
              label={t('accounts.displayName')}
              value={displayName}
              onChange={(e) => setDisplayName(e.currentTarget.value)}
              required
              maxLength={200}
              miw={240}
              error={
                (checked && displayName.trim().length < 2 ? t('forms.required') : undefined) ??
                fieldError(create.error, 'displayName')
              }
            />
          </Group>
          <Group align="flex-end" gap="sm">
            <PasswordInput
              label={t('accounts.tempPassword')}
              description={t('password.policy')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              visible={shown}
              onVisibilityChange={setShown}
              required
              autoComplete="new-password"
              w={320}
              error={
                (checked && !password ? t('forms.required') : undefined) ??
                fieldError(create.error, 'password')
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
          <Fieldset legend={t('accounts.roles')}>
            <Stack gap="sm">
              {grants.map((g, i) => (
                <Group key={g.key} align="flex-end" gap="sm">
                  <GrantFields
                    value={g}
                    onChange={(next) =>
                      setGrants((all) => all.map((x) => (x.key === g.key ? { ...x, ...next } : x)))
                    }
                    scopeError={
                      (checked && !grantComplete(g) ? t('accounts.scopeRequired') : undefined) ??
                      grantError(create.error, i)
                    }
                  />
                  {grants.length > 1 && (
                    <Button
                      variant="subtle"
                      color="red"
                      onClick={() => setGrants((all) => all.filter((x) => x.key !== g.key))}
                    >
                      {t('accounts.removeRole', { n: i + 1 })}
                    </Button>
                  )}
                </Group>
              ))}
              <Button
                variant="default"
                w="fit-content"
                onClick={() => setGrants((all) => [...all, emptyGrant()])}
                disabled={grants.length >= 20}
              >
                {t('accounts.addRoleRow')}
              </Button>
            </Stack>
          </Fieldset>
          {create.isError && (
            <FormError
              error={create.error}
              shown={(f) =>
                ['body.username', 'body.displayName', 'body.password'].includes(f) ||
                f.startsWith('body.grants.')
              }
            />
          )}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('accounts.createSubmit')}
            </Button>
            <Button component={Link} to="/quan-tri/tai-khoan" variant="default">
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
