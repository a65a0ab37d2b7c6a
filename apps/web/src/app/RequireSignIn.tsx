import { Navigate, Outlet, useLocation } from 'react-router';
import { PageLoading } from './PageLoading';
import { useMe } from './session';

/** Pages behind sign-in; without a session the browser goes to the sign-in page and back. */
export function RequireSignIn() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoading />;
  if (!me.data) {
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  }
  return <Outlet />;
}
