import { Divider, Drawer, NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { AuthControl } from '../features/auth/AuthControl';
import { useSession } from '../features/auth/session';
import { WorkspaceNav } from '../features/workspace/WorkspaceNav';
import { isActive, NAV_ITEMS } from './nav';

interface MobileNavProps {
  opened: boolean;
  onClose: () => void;
}

/** The navigation on phones and narrow windows: a drawer (focus kept inside, Escape closes it). */
export function MobileNav({ opened, onClose }: MobileNavProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const user = useSession().data;
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      id="mobile-nav"
      title={t('app.name')}
      size="xs"
      hiddenFrom="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {user && (
        <>
          <WorkspaceNav onNavigate={onClose} />
          <Divider my="md" />
        </>
      )}
      <Stack component="nav" aria-label={t('app.mainNav')} gap={4}>
        {NAV_ITEMS.map((item) => {
          const active = isActive(item, pathname);
          return (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={t(item.label)}
              active={active}
              aria-current={active ? 'page' : undefined}
              onClick={onClose}
            />
          );
        })}
        <AuthControl mt="md" />
      </Stack>
    </Drawer>
  );
}
