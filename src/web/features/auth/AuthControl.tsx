import { type BoxProps, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useLogout, useSession } from './session';

/** "Đăng nhập" when signed out; the user's name and "Đăng xuất" when signed in. */
export function AuthControl(props: BoxProps & { visibleFrom?: 'lg' }) {
  const { t } = useTranslation();
  const session = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const user = session.data;
  // Come back to this page after signing in.
  const from = location.pathname === '/dang-nhap' ? undefined : `${location.pathname}${location.search}`;

  if (!user) {
    return (
      <Button component={Link} to="/dang-nhap" state={{ from }} variant="filled" {...props}>
        {t('nav.login')}
      </Button>
    );
  }
  return (
    <Group gap="xs" wrap={props.visibleFrom ? 'nowrap' : 'wrap'} {...props}>
      {/* In the header the name yields to the menu below 1408 px (the mobile menu always shows it). */}
      <Text size="sm" c="dimmed" truncate maw={180} visibleFrom={props.visibleFrom ? 'xl' : undefined}>
        {t('nav.signedInAs', { name: user.displayName })}
      </Text>
      <Button
        variant="default"
        loading={logout.isPending}
        onClick={() => logout.mutate(undefined, { onSuccess: () => void navigate('/dang-nhap?ra=1') })}
      >
        {t('nav.logout')}
      </Button>
    </Group>
  );
}
