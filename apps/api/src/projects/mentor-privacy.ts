import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { mentorNameAndOrganisation, mentorNamesOf } from '@app/persistence';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Other mentors a response mentions: their ids, and their names and organisations. */
export interface OtherMentors {
  ids: string[];
  texts: string[];
}

const GONE = Symbol('about another mentor');

/**
 * A mentor's views of their project never show another mentor's data (the contract's "People
 * and data"): the ranking, the mentors excluded or declined before them, their assignment
 * requests, their decisions and conflicts. Rather than a list of fields to strip (which the
 * next field added would escape), every view a mentor gets is walked: a list entry that names
 * another mentor's id is dropped, and any other text naming one (id, name or organisation) is
 * blanked.
 */
@Injectable()
export class MentorPrivacy {
  constructor(private readonly dataSource: DataSource) {}

  /** `view` as the mentor `viewerMentorId` may see it. */
  async forMentor<T>(view: T, viewerMentorId: string): Promise<T> {
    const others = await this.otherMentorsIn(view, viewerMentorId);
    if (others.ids.length === 0) return view;
    return withoutOtherMentors(view, others);
  }

  private async otherMentorsIn(view: unknown, viewerMentorId: string): Promise<OtherMentors> {
    const mentioned = [...new Set((JSON.stringify(view) ?? '').match(UUID) ?? [])].map((id) =>
      id.toLowerCase(),
    );
    const candidates = mentioned.filter((id) => id !== viewerMentorId.toLowerCase());
    if (candidates.length === 0) return { ids: [], texts: [] };
    const rows = await mentorNamesOf(this.dataSource, candidates);
    const own = await mentorNameAndOrganisation(this.dataSource, viewerMentorId);
    const keep = new Set(own ? [own.name, own.organisation] : []);
    const texts = rows
      .flatMap((row) => [row.name, row.organisation, ...row.displayNames])
      .filter((text) => text.length >= 3 && !keep.has(text));
    return { ids: rows.map((row) => row.id), texts: [...new Set(texts)] };
  }
}

export function withoutOtherMentors<T>(view: T, others: OtherMentors): T {
  const walked = walk(view, others, false);
  return (walked === GONE ? null : walked) as T;
}

function mentions(text: string, others: OtherMentors): 'id' | 'text' | null {
  const lower = text.toLowerCase();
  if (others.ids.some((id) => lower.includes(id))) return 'id';
  return others.texts.some((name) => text.includes(name)) ? 'text' : null;
}

/** The value as the mentor may see it, or GONE for a list entry about another mentor. */
function walk(value: unknown, others: OtherMentors, inList: boolean): unknown {
  if (typeof value === 'string') {
    const found = mentions(value, others);
    if (found === 'id' && inList) return GONE;
    return found ? null : value;
  }
  if (Array.isArray(value)) {
    return value.map((item) => walk(item, others, true)).filter((item) => item !== GONE);
  }
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    // An entry of a list that is about another mentor (their exclusion, their decision…) goes.
    if (inList && typeof field === 'string' && mentions(field, others) === 'id') return GONE;
    result[key] = walk(field, others, false);
  }
  return result;
}
