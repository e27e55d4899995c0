import { Alert, Button, Group, Modal, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormError, fieldError } from '../../components/FormError';
import { usePageTitle } from '../../components/usePageTitle';
import { useChangePassword, useLogoutEverywhere } from './password';
import { useSession } from './session';

const FIELDS = ['body.currentPassword', 'body.newPassword'];

/** /doi-mat-khau — change one's password (forced after an administrator set it) and end every session. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('password.title'));
  const user = useSession().data;
  const change = useChangePassword();
  const navigate = useNavigate();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [checked, setChecked] = useState(false);
  const forced = !!user?.mustChangePassword;

  const mismatch = repeat !== next;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!current || !next || mismatch) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setRepeat('');
          setChecked(false);
          if (forced) void navigate('/lam-viec', { replace: true, state: { passwordChanged: true } });
        },
      },
    );
  };

  return (
    <Stack maw={520} gap="lg">
      <Title order={1}>{t('password.title')}</Title>
      {forced && (
        <Alert color="orange" role="alert" data-testid="must-change">
          {t('password.forced')}
        </Alert>
      )}
      <Paper withBorder p="lg" component="form" onSubmit={onSubmit} noValidate>
        <Stack>
          <PasswordInput
            label={t('password.current')}
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={
              (checked && !current ? t('password.required') : undefined) ??
              fieldError(change.error, 'currentPassword')
            }
          />
          <PasswordInput
            label={t('password.new')}
            description={t('password.policy')}
            autoComplete="new-password"
            required
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={
              (checked && !next ? t('password.required') : undefined) ??
              fieldError(change.error, 'newPassword')
            }
          />
          <PasswordInput
            label={t('password.repeat')}
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={checked && mismatch ? t('password.mismatch') : undefined}
          />
          {change.isError && <FormError error={change.error} shown={(f) => FIELDS.includes(f)} />}
          {change.isSuccess && (
            <Alert color="green" role="status">
              {t('password.changed')}
            </Alert>
          )}
          <Button type="submit" loading={change.isPending} w="fit-content">
            {t('password.submit')}
          </Button>
        </Stack>
      </Paper>
      {!forced && <LogoutEverywhere />}
    </Stack>
  );
}

function LogoutEverywhere() {
  const { t } = useTranslation();
  const logoutAll = useLogoutEverywhere();
  const navigate = useNavigate();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="logout-all-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="logout-all-heading">
          {t('password.logoutAllTitle')}
        </Title>
        <Text size="sm">{t('password.logoutAllText')}</Text>
        {logoutAll.isError && <ErrorAlert error={logoutAll.error} />}
        <Button color="red" variant="light" w="fit-content" onClick={open} loading={logoutAll.isPending}>
          {t('password.logoutAll')}
        </Button>
      </Stack>
      <Modal
        opened={opened}
        onClose={close}
        title={t('password.logoutAllTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Text size="sm" mb="md">
          {t('password.logoutAllConfirm')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            onClick={() => {
              close();
              logoutAll.mutate(undefined, { onSuccess: () => void navigate('/dang-nhap?ra=1') });
            }}
          >
            {t('password.logoutAll')}
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}
