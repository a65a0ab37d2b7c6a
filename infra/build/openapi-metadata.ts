import { join, relative } from 'node:path';
import { PluginMetadataGenerator } from '@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator.js';
import { ReadonlyVisitor } from '@nestjs/swagger/plugin';
import { repoRoot } from '../dev/repo-root';

export const OPENAPI_METADATA_FILE = 'openapi-metadata.ts';

/**
 * Writes the @nestjs/swagger plugin's metadata (DTO properties, their types and validation
 * limits, controller responses) as a TypeScript file, the way the plugin would inject it at
 * compile time. Our build is plain `tsc` and our tests run through swc, neither of which runs
 * compiler plugins, so the metadata is generated and committed instead.
 */
export function generateOpenApiMetadata(outputDir = join(repoRoot(), 'apps/api/src')): void {
  new PluginMetadataGenerator().generate({
    visitors: [
      new ReadonlyVisitor({
        introspectComments: true,
        pathToSource: join(repoRoot(), 'apps/api/src'),
        classValidatorShim: true,
        dtoFileNameSuffix: ['.dto.ts', '.query.ts'],
        controllerFileNameSuffix: ['.controller.ts'],
      }),
    ],
    outputDir,
    filename: OPENAPI_METADATA_FILE,
    watch: false,
    // The generator resolves this against the working directory.
    tsconfigPath: relative(process.cwd(), join(repoRoot(), 'apps/api/tsconfig.app.json')),
    printDiagnostics: false,
  });
}
