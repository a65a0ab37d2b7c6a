import { Navigate } from 'react-router';
import { useMe } from './session';

/** Each role starts where its work is: mentors in their inbox, everyone else on the board. */
export function HomeRedirect() {
  const me = useMe();
  return <Navigate to={me.data?.role === 'mentor' ? '/inbox' : '/board'} replace />;
}
