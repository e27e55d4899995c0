import { Anchor, AppShell, Container, Progress, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigation } from 'react-router';
import { useSession } from '../features/auth/session';
import { WorkspaceNav } from '../features/workspace/WorkspaceNav';
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
  const user = useSession().data;
  // An account with a first (administrator-set) password changes it before anything else.
  const mustChangePassword =
    !!user?.mustChangePassword && pathname !== '/doi-mat-khau' && pathname !== '/dang-nhap';

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
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 260, breakpoint: 'lg', collapsed: { mobile: true, desktop: !user } }}
      padding={0}
    >
      <Anchor href="#main" className={classes.skipLink}>
        {t('app.skipToContent')}
      </Anchor>
      <AppShell.Header>
        <Header menuOpened={menuOpened} onToggleMenu={menu.toggle} />
      </AppShell.Header>
      <MobileNav opened={menuOpened} onClose={menu.close} />
      {user && (
        <AppShell.Navbar p="md" aria-label={t('work.nav.label')}>
          <AppShell.Section grow component={ScrollArea}>
            <WorkspaceNav landmark={false} />
          </AppShell.Section>
        </AppShell.Navbar>
      )}
      <AppShell.Main id="main" ref={mainRef} tabIndex={-1} className={classes.main}>
        {navigation.state === 'loading' && (
          <Progress value={100} animated size="xs" radius={0} aria-label={t('app.pageLoading')} />
        )}
        <Container size="lg" py="lg" px="md">
          {mustChangePassword ? <Navigate to="/doi-mat-khau" replace /> : <Outlet />}
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
