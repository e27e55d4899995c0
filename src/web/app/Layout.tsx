import { Anchor, AppShell, Container, Progress, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigation } from 'react-router';
import { Header } from './Header';
import classes from './layout.module.css';
import { MobileNav } from './MobileNav';

export function Layout() {
  const { t } = useTranslation();
  const [menuOpened, menu] = useDisclosure(false);
  const { pathname } = useLocation();
  const navigation = useNavigation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After a client-side navigation, move focus to the new content (as a full page load would).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every path change by design
  useEffect(() => {
    menu.close();
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <AppShell header={{ height: 64 }} padding={0}>
      <Anchor href="#main" className={classes.skipLink}>
        {t('app.skipToContent')}
      </Anchor>
      <AppShell.Header>
        <Header menuOpened={menuOpened} onToggleMenu={menu.toggle} />
      </AppShell.Header>
      <MobileNav opened={menuOpened} onClose={menu.close} />
      <AppShell.Main id="main" ref={mainRef} tabIndex={-1} className={classes.main}>
        {navigation.state === 'loading' && (
          <Progress value={100} animated size="xs" radius={0} aria-label={t('app.pageLoading')} />
        )}
        <Container size="lg" py="lg" px="md">
          <Outlet />
        </Container>
        <Container size="lg" component="footer" py="lg" px="md">
          <Text size="sm" c="dimmed">
            {t('app.footer')}
          </Text>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
