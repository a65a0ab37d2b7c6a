// antd's styles as one static file, so no page generates them at run time (zeroRuntime).
import 'antd/dist/antd.css';
import { startEarlyRequests } from './app/early-requests';

// The entry stays small: it sends the board's requests, then loads the app (React, antd,
// i18next), whose code would otherwise have to arrive and run before anything is asked for.
startEarlyRequests(window.location.pathname);
void import('./boot');
