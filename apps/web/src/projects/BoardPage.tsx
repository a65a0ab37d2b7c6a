import { OPEN_STAGES, type Stage } from '@app/domain';
import {
  Badge,
  Button,
  Checkbox,
  Empty,
  Flex,
  Input,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { prefetchFullStylesheet } from '../app/full-stylesheet';
import { Panel } from '../app/Panel';
import { canActAsStaff, useMe } from '../app/session';
import { BoardProjectList } from './BoardProjectList';
import {
  boardColumnQuery,
  boardCountsQuery,
  useMentors,
  useProjectPages,
  useStageCounts,
  type BoardFilters,
  type ProjectListQuery,
} from './queries';

/** The pipeline: one column per open stage, each paging through the read model on its own. */
export default function BoardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [filters, setFilters] = useState<BoardFilters>({});
  const mentors = useMentors(me.data?.role !== 'mentor');
  const stages = filters.stage ? [filters.stage] : OPEN_STAGES;
  const counts = useStageCounts(boardCountsQuery(filters));
  const totalOf = (stage: Stage): number | undefined =>
    counts.data?.stages.find((row) => row.stage === stage)?.projects;
  // The board's first screen came in one answer with its columns: once it is drawn, the rest of
  // antd's stylesheet (which the board does not use) downloads while the browser is idle, for
  // the next page to apply.
  const drawn = counts.isFetched;
  useEffect(() => {
    if (drawn) return whenIdle(prefetchFullStylesheet);
  }, [drawn]);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('board.title')}
        </Typography.Title>
        {canActAsStaff(me.data?.role) && <Link to="/projects/new">{t('nav.newApplication')}</Link>}
      </Flex>
      <Flex wrap gap={8} role="search" aria-label={t('board.filters')}>
        <Input.Search
          aria-label={t('board.search')}
          placeholder={t('board.search')}
          allowClear
          style={{ width: 220 }}
          onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
        />
        <Input
          aria-label={t('board.college')}
          placeholder={t('board.college')}
          allowClear
          style={{ width: 180 }}
          onPressEnter={(event) => {
            // Read now: React clears currentTarget once the handler returns.
            const college = event.currentTarget.value.trim() || undefined;
            setFilters((f) => ({ ...f, college }));
          }}
          onChange={(event) => {
            if (event.target.value === '') setFilters((f) => ({ ...f, college: undefined }));
          }}
        />
        <Select
          aria-label={t('board.mentor')}
          placeholder={t('board.mentor')}
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 180 }}
          value={filters.mentorId}
          onChange={(mentorId?: string) => setFilters((f) => ({ ...f, mentorId }))}
          options={(mentors.data?.items ?? []).map((m) => ({ value: m.mentorId, label: m.name }))}
        />
        <Select
          aria-label={t('board.stage')}
          placeholder={t('board.stage')}
          allowClear
          style={{ width: 180 }}
          value={filters.stage}
          onChange={(stage?: Stage) => setFilters((f) => ({ ...f, stage }))}
          options={OPEN_STAGES.map((stage) => ({ value: stage, label: t(`stages.${stage}`) }))}
        />
        <Checkbox
          checked={filters.needsAttention ?? false}
          onChange={(e) =>
            setFilters((f) => ({ ...f, needsAttention: e.target.checked || undefined }))
          }
        >
          {t('board.flagged')}
        </Checkbox>
        <Checkbox
          checked={filters.overdue ?? false}
          onChange={(e) => setFilters((f) => ({ ...f, overdue: e.target.checked || undefined }))}
        >
          {t('board.overdue')}
        </Checkbox>
      </Flex>
      <div
        style={{
          display: 'grid',
          gap: 12,
          gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))',
          alignItems: 'start',
        }}
      >
        {stages.map((stage) => (
          <StageColumn
            key={stage}
            stage={stage}
            total={totalOf(stage)}
            query={boardColumnQuery(stage, filters)}
          />
        ))}
      </div>
    </Space>
  );
}

function StageColumn({
  stage,
  query,
  total,
}: {
  stage: Stage;
  query: ProjectListQuery;
  /** All the column's projects, from the counts; until they arrive, what the pages show. */
  total?: number;
}) {
  const { t } = useTranslation();
  const pages = useProjectPages(query);
  // The same array while the pages are the same, so the memoised list skips re-renders.
  const items = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
  const loaded = pages.hasNextPage ? `${items.length}+` : String(items.length);
  const count = total === undefined ? loaded : String(total);
  // The moment the page arrived, so "overdue" matches what the API's read model said then.
  const now = pages.dataUpdatedAt;
  return (
    <Panel
      title={
        <h2 style={{ fontSize: 15, margin: 0 }}>
          {t(`stages.${stage}`)}{' '}
          <Badge
            count={count}
            showZero
            overflowCount={Number.MAX_SAFE_INTEGER}
            color="#434343"
            aria-label={t('board.count', { count })}
            data-testid={`count-${stage}`}
          />
        </h2>
      }
      data-testid={`column-${stage}`}
      aria-busy={pages.isPending}
    >
      {pages.isPending ? (
        <Skeleton active title={false} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.empty')} />
      ) : (
        <BoardProjectList items={items} now={now} />
      )}
      {pages.hasNextPage && total !== undefined && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
          {t('board.countOf', { shown: items.length, total })}
        </Typography.Paragraph>
      )}
      {pages.hasNextPage && (
        <Button block onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
          {t('board.more')}
        </Button>
      )}
    </Panel>
  );
}

/** Runs `work` once the browser is idle (soon, where it cannot tell); returns the cancel. */
function whenIdle(work: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(work, { timeout: 2000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(work, 200);
  return () => window.clearTimeout(id);
}
