import { generateOpenApiMetadata } from './openapi-metadata';

/**
 * `npm run openapi`, step 1: regenerate the DTO metadata from the sources (into apps/api/src,
 * or into the folder given as the first argument, which the drift test uses).
 */
generateOpenApiMetadata(process.argv[2]);
