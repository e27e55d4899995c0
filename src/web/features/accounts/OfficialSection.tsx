import { Alert, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../common/api/auth';
import { foldVietnamese } from '../../../common/text';
import { FormError, fieldError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { useActiveOfficials } from '../org/api';
import { useAccountActions } from './api';

/**
 * The official of the org chart the account belongs to: one of the officials of a commune where the account holds
 * a role (the server refuses any other), or none.
 */
export function OfficialSection({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { linkOfficial } = useAccountActions(account.id);
  const communes = [...new Set(account.grants.flatMap((g) => (g.communeCode ? [g.communeCode] : [])))];
  const [commune, setCommune] = useState<string | null>(account.official?.communeCode ?? communes[0] ?? null);
  const [official, setOfficial] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const officials = useActiveOfficials(commune ?? undefined);
  const linked = account.official;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (official) linkOfficial.mutate(official, { onSuccess: () => setDone(true) });
  };

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="official-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="official-heading">
          {t('accountOfficial.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('accountOfficial.intro')}
        </Text>
        {linked ? (
          <Group gap="sm" justify="space-between" data-testid="linked-official">
            <Stack gap={0}>
              <Text fw={600}>{t('accountOfficial.linked', { name: linked.fullName })}</Text>
              {linked.titles.length > 0 && (
                <Text size="sm">{t('accountOfficial.titles', { titles: linked.titles.join(', ') })}</Text>
              )}
            </Stack>
            <Button
              variant="light"
              color="red"
              loading={linkOfficial.isPending && linkOfficial.variables === null}
              onClick={() => {
                setDone(false);
                linkOfficial.mutate(null, { onSuccess: () => setDone(true) });
              }}
            >
              {t('accountOfficial.unlink')}
            </Button>
          </Group>
        ) : (
          <Text size="sm">{t('accountOfficial.none')}</Text>
        )}
        {communes.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('accountOfficial.noCommune')}
          </Text>
        ) : (
          <form onSubmit={submit} aria-label={t('accountOfficial.link')}>
            <Group align="flex-end" gap="sm">
              {communes.length > 1 && (
                <Select
                  label={t('accountOfficial.commune')}
                  data={communes}
                  value={commune}
                  onChange={(c) => {
                    setCommune(c);
                    setOfficial(null);
                  }}
                  allowDeselect={false}
                  w={140}
                />
              )}
              {officials.isPending && commune ? (
                <Loading />
              ) : (
                <Select
                  label={t('accountOfficial.official')}
                  placeholder={t('accountOfficial.pick')}
                  data={(officials.data?.items ?? []).map((o) => {
                    const titles = o.positions.filter((p) => p.current).map((p) => p.title);
                    return {
                      value: o.id,
                      label: titles.length ? `${o.fullName} — ${titles.join(', ')}` : o.fullName,
                    };
                  })}
                  value={official}
                  onChange={setOfficial}
                  searchable
                  filter={({ options, search }) => {
                    const q = foldVietnamese(search);
                    return options.filter((o) => 'label' in o && foldVietnamese(o.label).includes(q));
                  }}
                  nothingFoundMessage={t('accountOfficial.noOfficials')}
                  error={fieldError(linkOfficial.error, 'officialId')}
                  miw={320}
                  data-testid="official-select"
                />
              )}
              <Button
                type="submit"
                disabled={!official}
                loading={linkOfficial.isPending && !!linkOfficial.variables}
              >
                {t('accountOfficial.link')}
              </Button>
            </Group>
          </form>
        )}
        {officials.isError && <FormError error={officials.error} shown={() => false} />}
        {linkOfficial.isError && (
          <FormError error={linkOfficial.error} shown={(f) => f === 'body.officialId'} />
        )}
        {done && (
          <Alert color="green" role="status">
            {t('accountOfficial.done')}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
