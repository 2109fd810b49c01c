import { lazy } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AcceptInvitePage } from '../features/auth/components/accept-invite-page';
import { SignInPage } from '../features/auth/components/sign-in-page';
import { ProductAreaPage } from '../features/product-areas/components/product-area-page';
import { productAreas } from '../features/product-areas/product-areas';
import { NotFoundPage } from './layout/not-found-page';
import { RequireSession } from './layout/require-session';
import { WorkspaceShell } from './layout/workspace-shell';

// Settings pages load on first visit; the shell and sign-in stay in the first bundle.
const BrandsPage = lazy(() => import('../features/brands/components/brands-page'));
const MembersPage = lazy(() => import('../features/members/components/members-page'));
const ApiTokensPage = lazy(() => import('../features/api-tokens/components/api-tokens-page'));
const AuditLogPage = lazy(() => import('../features/audit-log/components/audit-log-page'));
const CrisesPage = lazy(() => import('../features/crises/components/crises-page'));
const CrisisRoomPage = lazy(() => import('../features/crises/components/crisis-room-page'));
const PlaybooksPage = lazy(() => import('../features/playbooks/components/playbooks-page'));
const OnCallPage = lazy(() => import('../features/on-call/components/on-call-page'));
const ListenPage = lazy(() => import('../features/listen/components/listen-page'));
const SourcesPage = lazy(() => import('../features/sources/components/sources-page'));
const SentimentAccuracyPage = lazy(() => import('../features/sentiment/components/sentiment-accuracy-page'));
const NotificationChannelsPage = lazy(
  () => import('../features/alerting/components/notification-channels-page'),
);
const RoutingRulesPage = lazy(() => import('../features/alerting/components/routing-rules-page'));
const SignalsPage = lazy(() => import('../features/signals/components/signals-page'));
const SignalViewPage = lazy(() => import('../features/signals/components/signal-view-page'));

/** Short paths people type, kept working next to the canonical /settings/… ones. */
const aliases: Record<string, string> = {
  '/settings': '/settings/brands',
  '/brands': '/settings/brands',
  '/members': '/settings/members',
  '/api-tokens': '/settings/api-tokens',
  '/audit-log': '/settings/audit-log',
  '/sources': '/settings/sources',
  '/listen/sources': '/settings/sources',
};

export function AppRouter() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/accept-invite" element={<AcceptInvitePage />} />
        <Route
          element={
            <RequireSession>
              <WorkspaceShell />
            </RequireSession>
          }
        >
          <Route index element={<Navigate to="/listen" replace />} />
          <Route path="/listen" element={<ListenPage />} />
          <Route path="/listen/sentiment" element={<SentimentAccuracyPage />} />
          <Route path="/settings/sources" element={<SourcesPage />} />
          <Route path="/crises" element={<CrisesPage />} />
          <Route path="/crises/:id" element={<CrisisRoomPage />} />
          <Route path="/settings/playbooks" element={<PlaybooksPage />} />
          <Route path="/settings/on-call" element={<OnCallPage />} />
          <Route path="/settings/notifications" element={<NotificationChannelsPage />} />
          <Route path="/settings/routing" element={<RoutingRulesPage />} />
          <Route path="/signals" element={<SignalsPage />} />
          <Route path="/signals/:id" element={<SignalViewPage />} />
          {productAreas
            .filter((area) => area.id !== 'crises' && area.id !== 'listen' && area.id !== 'signals')
            .map((area) => (
              <Route key={area.id} path={area.path} element={<ProductAreaPage area={area} />} />
            ))}
          <Route path="/settings/brands" element={<BrandsPage />} />
          <Route path="/settings/members" element={<MembersPage />} />
          <Route path="/settings/api-tokens" element={<ApiTokensPage />} />
          <Route path="/settings/audit-log" element={<AuditLogPage />} />
          {Object.entries(aliases).map(([from, to]) => (
            <Route key={from} path={from} element={<Navigate to={to} replace />} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
