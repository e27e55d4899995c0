import { Navigate, Outlet, useLocation, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useSession } from '../auth/session';
import { holdsIn, type Permission } from './access';
import { useCommuneInfo } from './communes';
import { Refusal } from './Refusal';

/** Pages for signed-in users: the login first (then back here) when nobody is signed in. */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading />;
  if (session.isError) return <ErrorAlert error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data)
    return <Navigate to="/dang-nhap" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return <Outlet />;
}

/**
 * A page that acts in the commune of its URL (e.g. intake): a commune where the user lacks the right says so
 * at once, as the API's 403 would, instead of a form whose every request would be refused.
 */
export function RequireCommuneRight({ permission }: { permission: Permission }) {
  const { communeCode = '' } = useParams();
  const user = useSession().data;
  const commune = useCommuneInfo(communeCode);
  if (!holdsIn(user, permission, communeCode, commune.data?.province.code))
    return <Refusal communeCode={communeCode} />;
  return <Outlet />;
}
