import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../common/api/auth';
import { formatDateTime } from '../../lib/datetime';
import { useCommuneInfo } from '../workspace/communes';

/** Active or disabled; must change the password; locked after failed logins; demo account. */
export function AccountBadges({ account: a }: { account: Account }) {
  const { t } = useTranslation();
  const locked = a.lockedUntil && Date.parse(a.lockedUntil) > Date.now();
  return (
    <Group gap={4}>
      <Badge color={a.status === 'active' ? 'teal' : 'red'} variant="light" w="max-content">
        {t(`accounts.status.${a.status}`)}
      </Badge>
      {a.mustChangePassword && (
        <Badge color="orange" variant="light" w="max-content">
          {t('accounts.mustChange')}
        </Badge>
      )}
      {locked && (
        <Badge color="red" variant="outline" w="max-content">
          {t('accounts.lockedUntil', { at: formatDateTime(a.lockedUntil ?? '') })}
        </Badge>
      )}
      {a.isDemo && (
        <Badge color="gray" variant="outline" w="max-content">
          {t('accounts.demo')}
        </Badge>
      )}
    </Group>
  );
}

type Grant = Account['grants'][number];

/** "Lãnh đạo xã · xã 18100", "Cán bộ tỉnh · tỉnh 42", "Quản trị hệ thống". */
export function GrantText({ grant: g }: { grant: Grant }) {
  const { t } = useTranslation();
  const role = t(`roles.${g.role}`);
  if (g.communeCode) return t('accounts.inCommune', { role, code: g.communeCode });
  if (g.provinceCode) return t('accounts.inProvince', { role, code: g.provinceCode });
  return role;
}

/** The same with the commune's name (one look-up per commune, cached): for an account's own page. */
export function NamedGrantText({ grant: g }: { grant: Grant }) {
  const { t } = useTranslation();
  const commune = useCommuneInfo(g.communeCode);
  const role = t(`roles.${g.role}`);
  if (g.communeCode && commune.data)
    return t('accounts.inNamedCommune', { role, name: commune.data.name, code: g.communeCode });
  return <GrantText grant={g} />;
}
