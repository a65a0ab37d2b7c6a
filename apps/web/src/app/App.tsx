import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { isApiError } from '../api/api-error';
import { AppShell } from './AppShell';
import { withFullStylesheet } from './full-stylesheet';
import { PageLoading } from './PageLoading';
import { RequireSignIn } from './RequireSignIn';
import { SignInPage } from './SignInPage';
import { HomeRedirect } from './HomeRedirect';
import { loadBoardPage, prefetchRoute } from './route-prefetch';
import { theme } from './theme';

// Each route's code loads with the route, so sign-in and the board stay small; the routes past
// the first screens also wait for antd's whole stylesheet (the entry ships only their part).
const BoardPage = lazy(loadBoardPage);
const ProjectPage = lazy(() => withFullStylesheet(import('../projects/ProjectPage')));
const NewApplicationPage = lazy(() => withFullStylesheet(import('../projects/NewApplicationPage')));
const InboxPage = lazy(() => withFullStylesheet(import('../inbox/InboxPage')));
const NotificationsPage = lazy(() => withFullStylesheet(import('../inbox/NotificationsPage')));
const TimelinePage = lazy(() => withFullStylesheet(import('../audit/TimelinePage')));
const AuditPage = lazy(() => withFullStylesheet(import('../audit/AuditPage')));
const UsersPage = lazy(() => withFullStylesheet(import('../admin/UsersPage')));
const MentorProfilePage = lazy(() => withFullStylesheet(import('../mentors/MentorProfilePage')));
const MentorsPage = lazy(() => withFullStylesheet(import('../mentors/MentorsPage')));
const CalendarOverridesPage = lazy(() =>
  withFullStylesheet(import('../calendar/CalendarOverridesPage')),
);
// ECharts comes with this route alone.
const DashboardPage = lazy(() => withFullStylesheet(import('../portfolio/DashboardPage')));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change by asking again.
      retry: (count, error) => !(isApiError(error) && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

prefetchRoute(queryClient, window.location.pathname);

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={theme}
      // Screen readers and tests read "确认", not "确 认".
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter basename="/app">
            <Suspense fallback={<PageLoading />}>
              <Routes>
                <Route path="/sign-in" element={<SignInPage />} />
                <Route element={<RequireSignIn />}>
                  <Route element={<AppShell />}>
                    <Route index element={<HomeRedirect />} />
                    <Route path="board" element={<BoardPage />} />
                    <Route path="projects/new" element={<NewApplicationPage />} />
                    <Route path="projects/:projectId" element={<ProjectPage />} />
                    <Route path="projects/:projectId/timeline" element={<TimelinePage />} />
                    <Route path="inbox" element={<InboxPage />} />
                    <Route path="notifications" element={<NotificationsPage />} />
                    <Route path="audit" element={<AuditPage />} />
                    <Route path="admin/users" element={<UsersPage />} />
                    <Route path="profile" element={<MentorProfilePage />} />
                    <Route path="mentors" element={<MentorsPage />} />
                    <Route path="calendar" element={<CalendarOverridesPage />} />
                    <Route path="dashboard" element={<DashboardPage />} />
                    <Route path="*" element={<Navigate to="/" replace />} />
                  </Route>
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
