import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Search attributes mirroring a project's state, so the Temporal CLI and Web UI can filter
 * projects. The server must know them before a workflow upserts them: the dev-server script
 * registers exactly this list.
 */
export const IncubationStageKey = defineSearchAttributeKey(
  'IncubationStage',
  SearchAttributeType.KEYWORD,
);
export const MentorIdsKey = defineSearchAttributeKey('MentorIds', SearchAttributeType.KEYWORD_LIST);
export const CollegeKey = defineSearchAttributeKey('College', SearchAttributeType.KEYWORD);
export const NeedsAttentionKey = defineSearchAttributeKey(
  'NeedsAttention',
  SearchAttributeType.BOOL,
);

export const PROJECT_SEARCH_ATTRIBUTES = [
  IncubationStageKey,
  MentorIdsKey,
  CollegeKey,
  NeedsAttentionKey,
] as const;
