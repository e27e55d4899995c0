import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { SessionNotKeptError, useLogin, useLogout, useSession } from './session';

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.title'));
  const session = useSession();
  const login = useLogin();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  // Back to the page that asked for the login; from the home page (or none), to the user's workspace.
  const from = (location.state as { from?: string } | null)?.from;
  const back = from && from !== '/' ? from : '/lam-viec';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    login.mutate({ username: username.trim(), password }, { onSuccess: () => void navigate(back) });
  };

  const user = session.data;
  return (
    <Stack maw={440} mx="auto">
      <Title order={1}>{t('auth.title')}</Title>
      <Text>{t('auth.intro')}</Text>
      {params.get('ra') === '1' && !user && (
        <Alert color="green" role="status">
          {t('auth.loggedOut')}
        </Alert>
      )}
      {user ? (
        <Paper withBorder p="lg">
          <Stack>
            <Text>{t('auth.already', { name: user.displayName })}</Text>
            <Button component={Link} to="/lam-viec" w="fit-content">
              {t('work.toWorkspace')}
            </Button>
            <Button
              variant="default"
              w="fit-content"
              onClick={() => logout.mutate()}
              loading={logout.isPending}
            >
              {t('nav.logout')}
            </Button>
          </Stack>
        </Paper>
      ) : (
        <Paper withBorder p="lg" component="form" onSubmit={onSubmit} noValidate>
          <Stack>
            <TextInput
              label={t('auth.username')}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('auth.password')}
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            {missing && (
              <Text c="red" size="sm" role="alert">
                {t('auth.required')}
              </Text>
            )}
            {login.isError &&
              (login.error instanceof SessionNotKeptError ? (
                <Alert color="red" title={t('auth.notKeptTitle')} role="alert">
                  {t('auth.notKept', { origin: window.location.origin })}
                </Alert>
              ) : (
                <ErrorAlert error={login.error} />
              ))}
            <Button type="submit" loading={login.isPending}>
              {t('auth.submit')}
            </Button>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
