import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { BASE64_PATTERN, METADATA_KEY_PATTERN } from '../codec/codec.dto';

type Json = Record<string, unknown>;

/** A DTO class (class-validator keys its metadata by the constructor). */
export type DtoClass = abstract new (...args: never[]) => unknown;

// class-validator's storage keeps these two members out of its public types.
const storage = getMetadataStorage() as unknown as {
  validationMetadatas: Map<DtoClass, ValidationMetadata[]>;
  getTargetValidationMetadatas(
    target: DtoClass,
    schema: string,
    always: boolean,
    strictGroups: boolean,
  ): ValidationMetadata[];
};

/** A DTO class's validation rules with those it inherits (a decision's decisionId is its base's). */
export function rulesOf(target: DtoClass): ValidationMetadata[] {
  return storage.getTargetValidationMetadatas(target, '', false, false);
}

/** Validation metadata of the DTO classes, by class name (= schema name), inherited rules too. */
function rulesByClass(classes: DtoClass[]): Map<string, Map<string, ValidationMetadata[]>> {
  const byClass = new Map<string, Map<string, ValidationMetadata[]>>();
  for (const target of new Set([...storage.validationMetadatas.keys(), ...classes])) {
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const rule of rulesOf(target)) {
      byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
    }
    byClass.set(target.name, byProperty);
  }
  return byClass;
}

/** A JS pattern Python's `re` (the fuzzer) and JSON Schema read the same, or none. */
function portablePattern(pattern: RegExp): string | undefined {
  if (pattern.flags.replace('u', '') !== '' || /\\[pPk]/.test(pattern.source)) return undefined;
  return pattern.source;
}

/**
 * Writes one property's class-validator rules into its schema: whole numbers as integers, the
 * bounds, lengths, patterns, list sizes and formats the validators enforce, so a client (and
 * the fuzzer) knows what the API accepts before it sends it.
 */
function applyRules(schema: Json, rules: ValidationMetadata[]): void {
  const target = (
    rules.some((rule) => rule.each) && schema.type === 'array' ? schema.items : schema
  ) as Json;
  for (const rule of rules) {
    const [first] = (rule.constraints ?? []) as unknown[];
    const on = rule.each && schema.type === 'array' ? target : schema;
    switch (rule.name) {
      case 'isInt':
        if (on.type === 'number' || on.type === undefined) on.type = 'integer';
        delete on.allOf;
        break;
      case 'min':
        on.minimum = first;
        break;
      case 'max':
        on.maximum = first;
        break;
      case 'minLength':
        on.minLength = first;
        break;
      case 'maxLength':
        on.maxLength = first;
        break;
      case 'isNotEmpty':
        if (on.type === 'string') on.minLength = Math.max(1, Number(on.minLength ?? 0));
        break;
      case 'arrayMaxSize':
        schema.maxItems = first;
        break;
      case 'matches': {
        const pattern = portablePattern(first as RegExp);
        if (pattern) on.pattern = pattern;
        break;
      }
      case 'isIn':
        if (on.enum === undefined && Array.isArray(first)) on.enum = first;
        break;
      case 'isUuid':
        on.format = 'uuid';
        break;
      case 'calendarDate':
        on.format = 'date';
        break;
      case 'isIso8601':
        // An ISO 8601 time, or a date alone.
        on.anyOf = [{ format: 'date' }, { format: 'date-time' }];
        // The validator reads years 1000-9999 only (a two-digit year is ambiguous).
        on.pattern = '^[1-9]\\d{3}-';
        break;
      default:
        break;
    }
  }
  if (target.format === 'date' && /\^\\d\{4\}-\\d\{2\}-\\d\{2\}\$/.test(String(target.pattern))) {
    // `format: date` says it all, and more exactly (a real day).
    delete target.pattern;
  }
}

/**
 * Rules between two fields of one body that JSON Schema can state (the others are 422s): a
 * screening's reason when it rejects or returns, a plan's document or its upload's id.
 */
const BODY_COMBINATIONS: Record<string, Json> = {
  ScreenApplicationDto: {
    if: { properties: { outcome: { enum: ['reject', 'return'] } }, required: ['outcome'] },
    then: { required: ['comment'] },
  },
  SubmitPlanVersionDto: { oneOf: [{ required: ['document'] }, { required: ['documentId'] }] },
};

/** An application that passes every eligibility rule: for clients, and the fuzzer's examples. */
const APPLICATION_EXAMPLE = {
  title: 'Low-power lidar for orchard robots',
  summary: 'A solid-state lidar prototype with a granted patent.',
  fieldTags: ['robotics', 'optics'],
  college: 'College of Optical Engineering',
  partyBranch: 'Graduate Party Branch No. 3',
  teamMembers: [
    { name: 'Li Wei', memberId: 'S2021001', role: 'lead', degree: 'phd', partyMember: true },
    {
      name: 'Zhang Min',
      memberId: 'S2022017',
      role: 'member',
      degree: 'master',
      partyMember: false,
    },
  ],
  technologyReadinessLevel: 4,
  ipAssets: [{ patentNumber: 'ZL202110000001.X', title: 'Solid-state lidar', status: 'granted' }],
  fundingRequestedFen: 50000000,
};

const SCHEMA_EXAMPLES: Record<string, unknown> = { ApplicationDto: APPLICATION_EXAMPLE };

/** The upload's part: the media types it is recognised as (by content), and an example. */
function describeUpload(document: OpenAPIObject): void {
  const upload = document.paths['/projects/{projectId}/plan-documents']?.post as Json | undefined;
  const body = upload?.requestBody as { content?: Record<string, Json> } | undefined;
  const multipart = body?.content?.['multipart/form-data'];
  if (!multipart) return;
  multipart.encoding = {
    file: {
      contentType: [
        'application/pdf',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      ].join(', '),
      // The file name's extension must name the kind the content is (else 415).
      headers: {
        'Content-Disposition': {
          description: 'The part names its file: business-plan.pdf, .docx or .pptx.',
          schema: {
            type: 'string',
            example: 'form-data; name="file"; filename="business-plan.pdf"',
          },
        },
      },
    },
  };
  multipart.example = { file: '%PDF-1.4\n% a business plan\n%%EOF\n' };
}

/** `YYYY-MM-DD` checked by a pattern and the domain's calendar check: a calendar date. */
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/**
 * Lays the validators' rules over the document Swagger builds: request bodies and query
 * parameters get the same limits the ValidationPipe enforces, and every request body refuses
 * properties it does not declare (the pipe runs with `forbidNonWhitelisted`).
 */
export function describeValidationRules(
  document: OpenAPIObject,
  context: {
    classes: DtoClass[];
    argumentClasses: Map<string, DtoClass[]>;
    codecNamespace: string;
  },
): OpenAPIObject {
  const byClass = rulesByClass(context.classes);
  describeUpload(document);
  const schemas = (document.components?.schemas ?? {}) as Record<string, Json>;
  for (const [name, schema] of Object.entries(schemas)) {
    const rules = byClass.get(name);
    if (!rules || schema.type !== 'object') continue;
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    for (const [property, propertyRules] of rules) {
      if (properties[property]) applyRules(properties[property], propertyRules);
    }
    for (const property of Object.values(properties)) {
      if (property.pattern === DATE_PATTERN) {
        property.format = 'date';
        delete property.pattern;
      }
    }
    if (!('additionalProperties' in schema)) schema.additionalProperties = false;
    Object.assign(schema, BODY_COMBINATIONS[name] ?? {});
    if (SCHEMA_EXAMPLES[name]) schema.examples = [SCHEMA_EXAMPLES[name]];
    const base64Values = (properties.metadata?.additionalProperties ?? undefined) as
      Json | undefined;
    if (name === 'CodecPayloadDto' && base64Values) {
      base64Values.contentEncoding = 'base64';
      base64Values.pattern = BASE64_PATTERN;
      properties.metadata.propertyNames = { pattern: METADATA_KEY_PATTERN };
    }
    for (const property of Object.values(properties)) {
      // JSON Schema's name for base64 text, which generators and validators know.
      if (property.format === 'base64') {
        delete property.format;
        property.contentEncoding = 'base64';
        property.pattern = BASE64_PATTERN;
      }
    }
  }
  // Query and path parameters: the rules of the handler's own query or path class.
  for (const item of Object.values(document.paths)) {
    // A PATCH without a body changes nothing and is answered with the record (every field of
    // a change is optional); the full fuzz run found the spec calling that body required.
    const patch = (item as Record<string, Json>).patch?.requestBody as Json | undefined;
    if (patch) patch.required = false;
    for (const operation of Object.values(item as Record<string, Json>)) {
      const classes = context.argumentClasses.get(String(operation.operationId)) ?? [];
      const rules = new Map<string, ValidationMetadata[]>();
      for (const type of classes) {
        for (const [property, propertyRules] of byClass.get(type.name) ?? []) {
          rules.set(property, propertyRules);
        }
      }
      for (const parameter of (operation.parameters as Json[] | undefined) ?? []) {
        if (parameter.in === 'header' && parameter.name === 'x-namespace') {
          // Optional: without it the codec serves its one namespace; another is a 400.
          parameter.required = false;
          parameter.description = 'The Temporal namespace; the codec serves this one only.';
          parameter.schema = { type: 'string', enum: [context.codecNamespace] };
          continue;
        }
        const propertyRules = rules.get(String(parameter.name));
        if (!propertyRules || parameter.in === 'header') continue;
        applyRules((parameter.schema ??= {}) as Json, propertyRules);
        if (parameter.in === 'query' && propertyRules.some((rule) => rule.name === 'isOptional')) {
          parameter.required = false;
        }
      }
    }
  }
  return document;
}
