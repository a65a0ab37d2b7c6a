import { generateOpenApiMetadata } from './openapi-metadata';
import { generateOpenApiResponses } from './openapi-responses';

/**
 * `npm run openapi`, step 1: regenerate the DTO metadata and the response schemas from the
 * sources (into apps/api/src, or into the folder given as the first argument, which the drift
 * test uses).
 */
generateOpenApiMetadata(process.argv[2]);
generateOpenApiResponses(process.argv[2]);
