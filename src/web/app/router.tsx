import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { Loading } from '../components/Loading';
import { ResolverPage } from '../features/address/ResolverPage';
import { HomePage } from '../features/home/HomePage';
import { RequireAuth, RequireCommuneRight } from '../features/workspace/RequireAuth';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { RouteError } from './RouteError';

/** A page loaded on demand; a loading line shows while its code arrives on the first visit. */
function lazyPage(load: () => Promise<ComponentType>) {
  return { lazy: async () => ({ Component: await load() }), hydrateFallbackElement: <Loading /> };
}

/** Home and the address resolver (the most visited pages) load at once; the rest on demand. */
export const router = createBrowserRouter([
  // Full-screen pages of the queue (no header, no account): the kiosk at the entrance and the hall display.
  {
    path: 'xep-hang/:communeCode/kiosk',
    errorElement: <RouteError />,
    ...lazyPage(async () => (await import('../features/tickets/KioskPage')).KioskPage),
  },
  {
    path: 'xep-hang/:communeCode/man-hinh',
    errorElement: <RouteError />,
    ...lazyPage(async () => (await import('../features/tickets/BoardPage')).BoardPage),
  },
  // The meeting's hall screen for the projector (no header, no account): live from the meeting's event stream.
  {
    path: 'hop/:id/man-hinh',
    errorElement: <RouteError />,
    ...lazyPage(async () => (await import('../features/meetings/HallPage')).HallPage),
  },
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
            path: 'tra-cuu-ho-so',
            ...lazyPage(async () => (await import('../features/dossiers/PublicLookupPage')).PublicLookupPage),
          },
          {
            path: 'nop-ho-so',
            ...lazyPage(
              async () => (await import('../features/dossiers/OnlineSubmissionPage')).OnlineSubmissionPage,
            ),
          },
          {
            path: 'phan-anh',
            ...lazyPage(
              async () => (await import('../features/feedback/PublicFeedbackPage')).PublicFeedbackPage,
            ),
          },
          {
            path: 'phan-anh/gui',
            ...lazyPage(
              async () => (await import('../features/feedback/SubmitFeedbackPage')).SubmitFeedbackPage,
            ),
          },
          {
            path: 'phan-anh/theo-doi',
            ...lazyPage(
              async () => (await import('../features/feedback/TrackFeedbackPage')).TrackFeedbackPage,
            ),
          },
          {
            path: 'dang-nhap',
            ...lazyPage(async () => (await import('../features/auth/LoginPage')).LoginPage),
          },
          {
            // The signed-in user's work; the login first when nobody is signed in.
            element: <RequireAuth />,
            children: [
              {
                path: 'lam-viec',
                ...lazyPage(
                  async () => (await import('../features/workspace/WorkspacePage')).WorkspaceIndexPage,
                ),
              },
              {
                path: 'lam-viec/:communeCode',
                ...lazyPage(
                  async () => (await import('../features/workspace/CommuneOverviewPage')).CommuneOverviewPage,
                ),
              },
              {
                path: 'ho-so/chi-tiet/:id',
                ...lazyPage(async () => (await import('../features/dossiers/DossierPage')).DossierPage),
              },
              {
                path: 'ho-so/:communeCode',
                ...lazyPage(async () => (await import('../features/dossiers/DossiersPage')).DossiersPage),
              },
              {
                path: 'ho-so/:communeCode/tong-quan',
                ...lazyPage(async () => (await import('../features/dossiers/DashboardPage')).DashboardPage),
              },
              {
                // A commune where the user may not receive says so (as the API's 403), not an empty form.
                element: <RequireCommuneRight permission="dossier.intake" />,
                children: [
                  {
                    path: 'ho-so/:communeCode/tiep-nhan',
                    ...lazyPage(async () => (await import('../features/dossiers/IntakePage')).IntakePage),
                  },
                ],
              },
              {
                path: 'xep-hang/:communeCode/quay',
                ...lazyPage(async () => (await import('../features/tickets/ConsolePage')).ConsolePage),
              },
              {
                path: 'van-hanh/:communeCode',
                ...lazyPage(async () => (await import('../features/campaign/CampaignPage')).CampaignPage),
              },
              {
                path: 'tinh/:provinceCode/van-hanh',
                ...lazyPage(
                  async () =>
                    (await import('../features/campaign/ProvinceCampaignPage')).ProvinceCampaignPage,
                ),
              },
              {
                path: 'ky-hop/:communeCode',
                ...lazyPage(async () => (await import('../features/meetings/MeetingsPage')).MeetingsPage),
              },
              {
                path: 'hop/:id',
                ...lazyPage(async () => (await import('../features/meetings/MeetingPage')).MeetingPage),
              },
              {
                path: 'hop-cua-toi',
                ...lazyPage(async () => (await import('../features/meetings/MyMeetingsPage')).MyMeetingsPage),
              },
              {
                path: 'hop-cua-toi/:id',
                ...lazyPage(
                  async () => (await import('../features/meetings/MemberMeetingPage')).MemberMeetingPage,
                ),
              },
              {
                path: 'to-chuc/:communeCode',
                ...lazyPage(async () => (await import('../features/org/OrgChartPage')).OrgChartPage),
              },
              {
                path: 'to-chuc/:communeCode/can-bo',
                ...lazyPage(async () => (await import('../features/org/OfficialsPage')).OfficialsPage),
              },
              {
                path: 'to-chuc/:communeCode/can-bo/them',
                ...lazyPage(async () => (await import('../features/org/NewOfficialPage')).NewOfficialPage),
              },
              {
                path: 'to-chuc/:communeCode/nhap-danh-sach',
                ...lazyPage(async () => (await import('../features/org/ImportPage')).ImportPage),
              },
              {
                path: 'can-bo/:id',
                ...lazyPage(async () => (await import('../features/org/OfficialPage')).OfficialPage),
              },
              {
                path: 'phan-cong/:communeCode',
                ...lazyPage(
                  async () => (await import('../features/assignment/AssignmentPage')).AssignmentPage,
                ),
              },
              {
                path: 'phan-cong/:communeCode/ai-phu-trach',
                ...lazyPage(
                  async () => (await import('../features/assignment/WhoHandlesPage')).WhoHandlesPage,
                ),
              },
              {
                path: 'phan-cong/:communeCode/khoi-luong',
                ...lazyPage(async () => (await import('../features/assignment/WorkloadPage')).WorkloadPage),
              },
              {
                path: 'thong-bao/:id',
                ...lazyPage(
                  async () => (await import('../features/assignment/AnnouncementPage')).AnnouncementPage,
                ),
              },
              {
                path: 'nhat-ky',
                ...lazyPage(async () => (await import('../features/audit/AuditPage')).AuditPage),
              },
              {
                path: 'quan-tri/tai-khoan',
                ...lazyPage(async () => (await import('../features/accounts/AccountsPage')).AccountsPage),
              },
              {
                path: 'quan-tri/tai-khoan/moi',
                ...lazyPage(async () => (await import('../features/accounts/NewAccountPage')).NewAccountPage),
              },
              {
                path: 'quan-tri/tai-khoan/:id',
                ...lazyPage(async () => (await import('../features/accounts/AccountPage')).AccountPage),
              },
              {
                path: 'quan-tri/thu-tuc',
                ...lazyPage(
                  async () => (await import('../features/procedures/ProceduresPage')).ProceduresPage,
                ),
              },
              {
                path: 'quan-tri/thu-tuc/nhap',
                ...lazyPage(
                  async () =>
                    (await import('../features/procedures/CatalogueImportPage')).CatalogueImportPage,
                ),
              },
              {
                path: 'quan-tri/thu-tuc/:id',
                ...lazyPage(async () => (await import('../features/procedures/ProcedurePage')).ProcedurePage),
              },
              {
                path: 'xu-ly-phan-anh/:communeCode',
                ...lazyPage(
                  async () => (await import('../features/feedback/FeedbackQueuePage')).FeedbackQueuePage,
                ),
              },
              {
                path: 'xu-ly-phan-anh/chi-tiet/:id',
                ...lazyPage(
                  async () => (await import('../features/feedback/FeedbackReportPage')).FeedbackReportPage,
                ),
              },
              {
                path: 'tinh/:provinceCode/phan-anh',
                ...lazyPage(
                  async () =>
                    (await import('../features/feedback/ProvinceFeedbackPage')).ProvinceFeedbackPage,
                ),
              },
              {
                path: 'quan-tri/thong-bao-gui',
                ...lazyPage(async () => (await import('../features/notifications/OutboxPage')).OutboxPage),
              },
              {
                path: 'ma-truy-cap-api',
                ...lazyPage(async () => (await import('../features/accounts/ApiTokensPage')).ApiTokensPage),
              },
              {
                path: 'doi-mat-khau',
                ...lazyPage(
                  async () => (await import('../features/auth/ChangePasswordPage')).ChangePasswordPage,
                ),
              },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
