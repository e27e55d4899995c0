import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { Loading } from '../components/Loading';
import { ResolverPage } from '../features/address/ResolverPage';
import { HomePage } from '../features/home/HomePage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { RouteError } from './RouteError';

/** A page loaded on demand; a loading line shows while its code arrives on the first visit. */
function lazyPage(load: () => Promise<ComponentType>) {
  return { lazy: async () => ({ Component: await load() }), hydrateFallbackElement: <Loading /> };
}

/** Home and the address resolver (the most visited pages) load at once; the rest on demand. */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'dia-chi', element: <ResolverPage /> },
          {
            path: 'ban-do',
            ...lazyPage(async () => (await import('../features/map/ProvincesPage')).ProvincesPage),
          },
          {
            path: 'ban-do/:provinceCode',
            ...lazyPage(
              async () => (await import('../features/map/ProvinceCommunesPage')).ProvinceCommunesPage,
            ),
          },
          {
            path: 'xa/:communeCode',
            ...lazyPage(async () => (await import('../features/map/CommunePage')).CommunePage),
          },
          {
            path: 'don-vi-cu/:code',
            ...lazyPage(async () => (await import('../features/map/FormerUnitPage')).FormerUnitPage),
          },
          {
            path: 'lich',
            ...lazyPage(async () => (await import('../features/calendar/CalendarPage')).CalendarPage),
          },
          {
            path: 'dang-nhap',
            ...lazyPage(async () => (await import('../features/auth/LoginPage')).LoginPage),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
