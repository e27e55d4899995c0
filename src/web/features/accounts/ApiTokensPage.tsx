import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../lib/datetime';
import { useSession } from '../auth/session';
import { useMyCommunes } from '../workspace/communes';
import { PageError } from '../workspace/PageError';
import { ApiTokenForm } from './ApiTokenForm';
import {
  type ApiToken,
  type CreatedApiToken,
  tokenState,
  useApiTokens,
  useRevokeApiToken,
} from './apiTokens';

/** /ma-truy-cap-api — the signed-in user's API tokens for other systems (Open311 and the API): list, create, revoke. */
export function ApiTokensPage() {
  const { t } = useTranslation();
  usePageTitle(t('apiTokens.title'));
  const list = useApiTokens();
  // The secret lives only here, in this page's memory, until the user closes it or leaves.
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  return (
    <Stack gap="lg" maw={960}>
      <Title order={1}>{t('apiTokens.title')}</Title>
      <Text>{t('apiTokens.intro')}</Text>
      {created ? (
        <SecretCard token={created} onDone={() => setCreated(null)} />
      ) : (
        <ApiTokenForm onCreated={setCreated} />
      )}
      <Stack gap="sm" component="section" aria-labelledby="api-token-list-heading">
        <Title order={2} size="h3" id="api-token-list-heading">
          {t('apiTokens.list.title')}
        </Title>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <Text role="status">{t('apiTokens.list.none')}</Text>
        ) : (
          list.data.items.map((token) => <TokenCard key={token.id} token={token} />)
        )}
      </Stack>
    </Stack>
  );
}

/** The secret, this once: copy it now, it is stored only as a hash. */
function SecretCard({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="api-token-secret-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="api-token-secret-heading" style={{ overflowWrap: 'anywhere' }}>
          {t('apiTokens.secret.title', { name: token.name })}
        </Title>
        <Alert color="orange" role="alert" title={t('apiTokens.secret.onceTitle')}>
          {t('apiTokens.secret.once')}
        </Alert>
        <Code block data-testid="api-token-secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {token.token}
        </Code>
        <Group gap="sm">
          <CopyButton value={token.token}>
            {({ copied, copy }) => (
              <Button variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : 'blue'} onClick={copy}>
                {copied ? t('apiTokens.secret.copied') : t('apiTokens.secret.copy')}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onDone}>
            {t('apiTokens.secret.done')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t('apiTokens.secret.usage')}
        </Text>
      </Stack>
    </Paper>
  );
}

function TokenCard({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  const mine = useMyCommunes(useSession().data);
  const state = tokenState(token);
  const commune = token.communeCode
    ? (mine.communes.find((c) => c.code === token.communeCode)?.name ?? token.communeCode)
    : t('apiTokens.anyCommune');
  const when = (iso: string | null, none: string) => (iso ? formatDateTime(iso) : none);
  return (
    <Paper withBorder p="md" component="article" aria-label={token.name} data-testid="api-token">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Group gap="sm" wrap="wrap">
            <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
              {token.name}
            </Text>
            <Badge
              color={state === 'active' ? 'green' : state === 'expired' ? 'gray' : 'red'}
              variant="light"
              data-testid="api-token-state"
            >
              {t(`apiTokens.state.${state}`)}
            </Badge>
          </Group>
          {state === 'active' && <RevokeButton token={token} />}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={4}>
          <Fact label={t('apiTokens.list.commune')} value={commune} />
          <Fact label={t('apiTokens.list.created')} value={formatDateTime(token.createdAt)} />
          <Fact
            label={t('apiTokens.list.expires')}
            value={when(token.expiresAt, t('apiTokens.list.never'))}
          />
          <Fact
            label={t('apiTokens.list.lastUsed')}
            value={when(token.lastUsedAt, t('apiTokens.list.notUsed'))}
            testId="api-token-last-used"
          />
          {token.revokedAt && (
            <Fact label={t('apiTokens.list.revoked')} value={formatDateTime(token.revokedAt)} />
          )}
        </SimpleGrid>
        <div>
          <Text size="sm" c="dimmed">
            {t('apiTokens.list.permissions')}
          </Text>
          <List size="sm" data-testid="api-token-permission-list">
            {token.permissions.map((p) => (
              <List.Item key={p}>{t(`apiTokens.perm.${p}`)}</List.Item>
            ))}
          </List>
        </div>
      </Stack>
    </Paper>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Text size="sm">
      <Text span c="dimmed">
        {label}:
      </Text>{' '}
      <span data-testid={testId}>{value}</span>
    </Text>
  );
}

function RevokeButton({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  const revoke = useRevokeApiToken();
  return (
    <>
      <ConfirmButton
        label={t('apiTokens.revoke.label', { name: token.name })}
        title={t('apiTokens.revoke.title')}
        message={t('apiTokens.revoke.confirm', { name: token.name })}
        loading={revoke.isPending}
        onConfirm={() => revoke.mutate(token.id)}
        button={t('apiTokens.revoke.button')}
        confirm={t('apiTokens.revoke.button')}
        variant="light"
      />
      {revoke.isError && <ErrorAlert error={revoke.error} />}
    </>
  );
}
