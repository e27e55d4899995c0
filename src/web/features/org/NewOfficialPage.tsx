import { Button, Group, Paper, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { FormError, fieldError } from '../../components/FormError';
import { LocalizedDates } from '../../components/LocalizedDates';
import { usePageTitle } from '../../components/usePageTitle';
import { useSession } from '../auth/session';
import { DateField } from '../calendar/DateField';
import { holdsIn } from '../workspace/access';
import { CommuneHeader } from '../workspace/CommuneHeader';
import { useCommuneInfo } from '../workspace/communes';
import { Refusal } from '../workspace/Refusal';
import { useCreateOfficial } from './api';
import { orgSections } from './sections';

type Origin = 'unit' | 'district' | 'none';
const FIELDS = [
  'fullName',
  'dateOfBirth',
  'gender',
  'phone',
  'email',
  'formerUnitCode',
  'formerDistrictName',
];

/** /to-chuc/:communeCode/can-bo/them — adds an official (positions are given on their profile). */
export function NewOfficialPage() {
  const { t } = useTranslation();
  usePageTitle(t('official.add'));
  const { communeCode = '' } = useParams();
  const user = useSession().data;
  const commune = useCommuneInfo(communeCode);
  const create = useCreateOfficial(communeCode);
  const navigate = useNavigate();
  const [fullName, setFullName] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState<string | null>(null);
  const [gender, setGender] = useState<string>('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [origin, setOrigin] = useState<Origin>('unit');
  const [unit, setUnit] = useState<string | null>(null);
  const [district, setDistrict] = useState('');
  const [checked, setChecked] = useState(false);

  if (!holdsIn(user, 'org.manage', communeCode, commune.data?.province.code))
    return <Refusal communeCode={communeCode} />;

  const err = (field: string) => fieldError(create.error, field);
  const missing = (ok: boolean) => (checked && !ok ? t('forms.required') : undefined);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (fullName.trim().length < 2 || !dateOfBirth || (gender !== 'male' && gender !== 'female')) return;
    create.mutate(
      {
        fullName: fullName.trim(),
        dateOfBirth,
        gender,
        phone: phone.trim() || null,
        email: email.trim() || null,
        formerUnitCode: origin === 'unit' ? unit : null,
        formerDistrictName: origin === 'district' ? district.trim() || null : null,
      },
      { onSuccess: (official) => void navigate(`/can-bo/${official.id}`) },
    );
  };

  return (
    <LocalizedDates>
      <Stack gap="md">
        <CommuneHeader
          communeCode={communeCode}
          title={t('official.add')}
          sections={orgSections(communeCode, true)}
        />
        <Text size="sm" c="dimmed">
          {t('official.addIntro')}
        </Text>
        <Paper withBorder p="lg" component="form" onSubmit={onSubmit} noValidate maw={720}>
          <Stack gap="sm">
            <TextInput
              label={t('official.fullName')}
              description={t('official.fullNameHint')}
              value={fullName}
              onChange={(e) => setFullName(e.currentTarget.value)}
              required
              maxLength={100}
              autoComplete="off"
              error={missing(fullName.trim().length >= 2) ?? err('fullName')}
            />
            <Group align="flex-start" gap="lg">
              <DateField
                label={t('official.dateOfBirth')}
                value={dateOfBirth}
                onChange={setDateOfBirth}
                required
                w={200}
                error={missing(!!dateOfBirth) ?? err('dateOfBirth')}
              />
              <Radio.Group
                label={t('official.gender')}
                value={gender}
                onChange={setGender}
                withAsterisk
                error={missing(!!gender) ?? err('gender')}
              >
                <Group gap="md" mt={8}>
                  <Radio value="male" label={t('official.genders.male')} />
                  <Radio value="female" label={t('official.genders.female')} />
                </Group>
              </Radio.Group>
            </Group>
            <Group align="flex-start" gap="sm" grow preventGrowOverflow={false}>
              <TextInput
                label={t('official.phone')}
                description={t('common.optional')}
                type="tel"
                inputMode="tel"
                value={phone}
                onChange={(e) => setPhone(e.currentTarget.value)}
                miw={200}
                error={err('phone')}
              />
              <TextInput
                label={t('official.email')}
                description={t('common.optional')}
                type="email"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                miw={240}
                error={err('email')}
              />
            </Group>
            <Radio.Group label={t('official.origin')} value={origin} onChange={(v) => setOrigin(v as Origin)}>
              <Stack gap={6} mt={6}>
                <Radio value="unit" label={t('official.originUnit')} />
                <Radio value="district" label={t('official.originDistrict')} />
                <Radio value="none" label={t('official.originNone')} />
              </Stack>
            </Radio.Group>
            {origin === 'unit' && (
              <Select
                label={t('official.formerUnit')}
                data={(commune.data?.formerUnits ?? []).map((u) => ({
                  value: u.code,
                  label: `${u.name} (${u.districtName})`,
                }))}
                value={unit}
                onChange={setUnit}
                clearable
                maw={480}
                error={err('formerUnitCode')}
              />
            )}
            {origin === 'district' && (
              <TextInput
                label={t('official.formerDistrict')}
                placeholder={t('official.formerDistrictHint')}
                value={district}
                onChange={(e) => setDistrict(e.currentTarget.value)}
                maxLength={100}
                maw={480}
                error={err('formerDistrictName')}
              />
            )}
            {create.isError && (
              <FormError error={create.error} shown={(f) => FIELDS.some((k) => f === `body.${k}`)} />
            )}
            <Group>
              <Button type="submit" loading={create.isPending}>
                {t('official.addSubmit')}
              </Button>
              <Button component={Link} to={`/to-chuc/${communeCode}/can-bo`} variant="default">
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </Stack>
    </LocalizedDates>
  );
}
