import { InitialSchema1764316800000 } from './1764316800000-initial-schema';
import { UsersAndMentors1764320400000 } from './1764320400000-users-and-mentors';

/** Every migration in order. Listed explicitly so the build, Jest and the CLI load the same set. */
export const MIGRATIONS = [InitialSchema1764316800000, UsersAndMentors1764320400000];
