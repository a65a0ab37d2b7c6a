import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { rulesOf } from '../../openapi/validation-rules';

type DtoClass = new () => object;
type Schema = { properties?: Record<string, { type?: string | string[] }> };

const API_SRC = join(__dirname, '../..');

/** The classes every DTO file of the API exports (loading them registers their rules). */
function dtoClasses(dir: string): DtoClass[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return dtoClasses(path);
    if (!/\.dto\.ts$/.test(entry.name)) return [];
    // Every DTO file found on disk, which static imports could only list by hand.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = Object.values(require(path) as Record<string, unknown>);
    return exported.filter((value): value is DtoClass => typeof value === 'function');
  });
}

const classes = dtoClasses(API_SRC);
const schemas = (
  JSON.parse(readFileSync(join(API_SRC, '../openapi.json'), 'utf8')) as {
    components: { schemas: Record<string, Schema> };
  }
).components.schemas;

/**
 * Each optional field of a request body (query classes cannot receive null), with the fields a
 * class inherits (a decision's comment comes from its base class).
 */
const optionalBodyFields = classes
  .filter((target) => schemas[target.name] && !target.name.endsWith('Query'))
  .flatMap((target) => {
    const rules = rulesOf(target);
    const optional = rules.filter((rule) => rule.type === 'conditionalValidation');
    return [...new Set(optional.map((rule) => rule.propertyName))].map((field) => ({
      dto: target,
      name: target.name,
      field,
    }));
  });

const nullableInSpec = (name: string, field: string): boolean => {
  const type = schemas[name].properties?.[field]?.type;
  return Array.isArray(type) && type.includes('null');
};

describe('an optional body field refuses null unless the spec says it may be null', () => {
  it('finds the optional fields of the bodies', () => {
    const names = optionalBodyFields.map(({ name, field }) => `${name}.${field}`);
    // The fields the full fuzz run found taking null.
    expect(names).toEqual(
      expect.arrayContaining([
        'UpdateNotificationPreferencesDto.emailNotifications',
        'CreateMentorDto.email',
        'UpdateMentorDto.email',
        'UpdateUserDto.mentorId',
        'CodecPayloadDto.metadata',
        'AcceptAssignmentDto.comment',
      ]),
    );
  });

  it.each(optionalBodyFields.map((entry) => [`${entry.name}.${entry.field}`, entry]))(
    '%s',
    async (_label, { dto, name, field }) => {
      const errors = await validate(plainToInstance(dto, { [field]: null }), {
        whitelist: true,
        forbidNonWhitelisted: true,
      });
      const refused = errors.some((error) => error.property === field);
      expect({ field, refused }).toEqual({ field, refused: !nullableInSpec(name, field) });
    },
  );
});
