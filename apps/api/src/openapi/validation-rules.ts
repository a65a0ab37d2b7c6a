import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Json = Record<string, unknown>;

/** A DTO class (class-validator keys its metadata by the constructor). */
export type DtoClass = abstract new (...args: never[]) => unknown;

/** Validation metadata of the DTO classes, by class name (= schema name), inherited rules too. */
function rulesByClass(classes: DtoClass[]): Map<string, Map<string, ValidationMetadata[]>> {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<DtoClass, ValidationMetadata[]>;
    getTargetValidationMetadatas(
      target: DtoClass,
      schema: string,
      always: boolean,
      strictGroups: boolean,
    ): ValidationMetadata[];
  };
  const byClass = new Map<string, Map<string, ValidationMetadata[]>>();
  for (const target of new Set([...storage.validationMetadatas.keys(), ...classes])) {
    const byProperty = new Map<string, ValidationMetadata[]>();
    // With the rules a class inherits (a decision DTO's decisionId comes from its base).
    for (const rule of storage.getTargetValidationMetadatas(target, '', false, false)) {
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
      case 'isUuid':
        on.format = 'uuid';
        break;
      case 'calendarDate':
        on.format = 'date';
        break;
      case 'isIso8601':
        on.format = 'date-time';
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

/** `YYYY-MM-DD` checked by a pattern and the domain's calendar check: a calendar date. */
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/**
 * Lays the validators' rules over the document Swagger builds: request bodies and query
 * parameters get the same limits the ValidationPipe enforces, and every request body refuses
 * properties it does not declare (the pipe runs with `forbidNonWhitelisted`).
 */
export function describeValidationRules(
  document: OpenAPIObject,
  classes: DtoClass[],
): OpenAPIObject {
  const byClass = rulesByClass(classes);
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
    for (const property of Object.values(properties)) {
      // JSON Schema's name for base64 text, which generators and validators know.
      if (property.format === 'base64') {
        delete property.format;
        property.contentEncoding = 'base64';
        property.pattern = '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$';
      }
    }
  }
  // Query and path parameters: the rules of the query class property of the same name.
  const parameterRules = new Map<string, ValidationMetadata[]>();
  for (const [className, rules] of byClass) {
    if (!/(Query|Param)$/.test(className)) continue;
    for (const [property, propertyRules] of rules) parameterRules.set(property, propertyRules);
  }
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item as Record<string, Json>)) {
      for (const parameter of (operation.parameters as Json[] | undefined) ?? []) {
        const rules = parameterRules.get(String(parameter.name));
        if (!rules || parameter.in === 'header') continue;
        const schema = (parameter.schema ??= {}) as Json;
        // Names repeat across query classes (year, limit): the bounds Swagger already wrote
        // are this parameter's own, so only the whole-number rule is added here.
        applyRules(
          schema,
          rules.filter((rule) => rule.name === 'isInt'),
        );
        if (parameter.in === 'query' && rules.some((rule) => rule.name === 'isOptional')) {
          parameter.required = false;
        }
      }
    }
  }
  return document;
}
