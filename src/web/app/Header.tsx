import { Anchor, Burger, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { AuthControl } from '../features/auth/AuthControl';
import { LanguageSwitch } from './LanguageSwitch';
import { isActive, NAV_ITEMS } from './nav';

interface HeaderProps {
  menuOpened: boolean;
  onToggleMenu: () => void;
}

export function Header({ menuOpened, onToggleMenu }: HeaderProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
      <Group gap="sm" wrap="nowrap">
        <Burger
          opened={menuOpened}
          onClick={onToggleMenu}
          hiddenFrom="lg"
          size="sm"
          aria-label={t('app.toggleMenu')}
          aria-expanded={menuOpened}
          aria-controls="mobile-nav"
        />
        <Anchor component={Link} to="/" aria-label={t('app.homeLink')} fw={800} fz="xl" underline="never">
          {t('app.name')}
        </Anchor>
      </Group>
      <Group component="nav" aria-label={t('app.mainNav')} visibleFrom="lg" gap={4} wrap="nowrap">
        {NAV_ITEMS.map((item) => {
          const active = isActive(item, pathname);
          return (
            <Button
              key={item.to}
              component={Link}
              to={item.to}
              variant={active ? 'light' : 'subtle'}
              px={4}
              aria-current={active ? 'page' : undefined}
            >
              {t(item.label)}
            </Button>
          );
        })}
      </Group>
      <Group gap="xs" wrap="nowrap">
        <LanguageSwitch />
        <AuthControl visibleFrom="lg" />
      </Group>
    </Group>
  );
}
