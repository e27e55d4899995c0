import {
  Button,
  Checkbox,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PERMISSIONS, type Permission } from '../../../common/permissions';
import { ApiError } from '../../api/client';
import { FormError, fieldError } from '../../components/FormError';
import { foldedFilter } from '../../lib/foldedFilter';
import { useSession } from '../auth/session';
import { holdsAnywhere, holdsIn } from '../workspace/access';
import { useMyCommunes } from '../workspace/communes';
import { type CreatedApiToken, useCreateApiToken } from './apiTokens';

const FIELDS = ['body.name', 'body.permissions', 'body.communeCode', 'body.expiresInDays'];
const DEFAULT_DAYS = 365;

/** The server's refusal of a commune (unknown code) or of permissions (not held), for the field it is about. */
function refusal(error: unknown, code: 'not_found' | 'forbidden'): string | undefined {
  return error instanceof ApiError && error.code === code ? error.detail : undefined;
}

/** A new token: a name, the permissions (only those the user holds there), a commune, an expiry. */
export function ApiTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const { t } = useTranslation();
  const user = useSession().data;
  const mine = useMyCommunes(user);
  const create = useCreateApiToken();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<Permission[]>([]);
  const [commune, setCommune] = useState<string | null>(null);
  const [days, setDays] = useState<number | string>(DEFAULT_DAYS);
  const [checked, setChecked] = useState(false);

  const communeCode = commune?.trim() || null;
  const province = mine.communes.find((c) => c.code === communeCode)?.provinceCode;
  // With a commune: what the user holds there; without: what they hold somewhere (as the server checks).
  const held = PERMISSIONS.filter((p) =>
    communeCode ? holdsIn(user, p, communeCode, province) : holdsAnywhere(user, p),
  );
  const permissions = chosen.filter((p) => held.includes(p));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!name.trim() || permissions.length === 0) return;
    create.mutate(
      {
        name: name.trim(),
        permissions,
        communeCode,
        expiresInDays: typeof days === 'number' ? days : null,
      },
      {
        onSuccess: (created) => {
          setName('');
          setChosen([]);
          setCommune(null);
          setDays(DEFAULT_DAYS);
          setChecked(false);
          create.reset();
          onCreated(created);
        },
      },
    );
  };

  const communeError = fieldError(create.error, 'communeCode') ?? refusal(create.error, 'not_found');
  const permissionsError =
    (checked && permissions.length === 0 ? t('apiTokens.form.permissionsRequired') : undefined) ??
    fieldError(create.error, 'permissions') ??
    refusal(create.error, 'forbidden');
  const placed = (f: string) => FIELDS.includes(f);
  const shownElsewhere = !!refusal(create.error, 'not_found') || !!refusal(create.error, 'forbidden');

  return (
    <Paper
      withBorder
      p="lg"
      component="form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="api-token-new-heading"
    >
      <Stack>
        <Title order={2} size="h3" id="api-token-new-heading">
          {t('apiTokens.form.title')}
        </Title>
        <TextInput
          label={t('apiTokens.form.name')}
          description={t('apiTokens.form.nameHint')}
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={
            (checked && !name.trim() ? t('apiTokens.form.nameRequired') : undefined) ??
            fieldError(create.error, 'name')
          }
          maw={480}
        />
        {mine.any ? (
          <TextInput
            label={t('apiTokens.form.commune')}
            description={t('apiTokens.form.communeCodeHint')}
            inputMode="numeric"
            maxLength={5}
            value={commune ?? ''}
            onChange={(e) => setCommune(e.currentTarget.value)}
            error={communeError}
            maw={480}
          />
        ) : (
          <Select
            label={t('apiTokens.form.commune')}
            description={t('apiTokens.form.communeHint')}
            placeholder={t('apiTokens.anyCommune')}
            data={mine.communes.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
            value={commune}
            onChange={setCommune}
            searchable
            clearable
            filter={foldedFilter}
            nothingFoundMessage={t('work.switcher.none')}
            error={communeError}
            maw={480}
          />
        )}
        <Checkbox.Group
          label={t('apiTokens.form.permissions')}
          description={t('apiTokens.form.permissionsHint')}
          required
          value={permissions}
          onChange={(v) => setChosen(v as Permission[])}
          error={permissionsError}
        >
          {held.length === 0 ? (
            <Text size="sm" mt="xs" role="status">
              {t('apiTokens.form.noneHeld')}
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs" data-testid="api-token-permissions">
              {held.map((p) => (
                <Checkbox
                  key={p}
                  value={p}
                  label={t(`apiTokens.perm.${p}`)}
                  description={p}
                  data-permission={p}
                />
              ))}
            </SimpleGrid>
          )}
        </Checkbox.Group>
        <NumberInput
          label={t('apiTokens.form.expiresInDays')}
          description={t('apiTokens.form.expiresHint')}
          min={1}
          max={730}
          allowDecimal={false}
          allowNegative={false}
          value={days}
          onChange={setDays}
          error={fieldError(create.error, 'expiresInDays')}
          maw={360}
        />
        {create.isError && !shownElsewhere && <FormError error={create.error} shown={placed} />}
        <Button type="submit" loading={create.isPending} w="fit-content">
          {t('apiTokens.form.submit')}
        </Button>
      </Stack>
    </Paper>
  );
}
