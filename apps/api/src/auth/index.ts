// What feature modules use to protect their routes and learn who is calling.
export type { AuthenticatedCaller, AuthenticatedRequest } from './authenticated-caller';
export { CurrentActor, CurrentCaller } from './current-actor.decorator';
export { Public } from './public.decorator';
export { AccountSelfService, Roles } from './roles.decorator';
export { SecurityLogService } from '../security-log/security-log.service';
export type { SecurityEventInput } from '../security-log/security-log.service';
export { SecurityRefusalException } from '../security-log/security-refusal.exception';
export { SECURITY_REASONS } from '../security-log/security-reasons';
export type { SecurityReason } from '../security-log/security-reasons';
