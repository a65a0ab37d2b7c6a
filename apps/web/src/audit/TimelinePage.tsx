import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, jsonOf } from '../api/client';
import { useServerMessage } from '../forms/server-errors';
import { useFormat } from '../i18n/use-format';
import { projectKeys } from '../projects/queries';

const KIND_COLOURS: Record<string, string> = {
  decision: 'blue',
  system: 'gray',
  timer: 'orange',
  run: 'green',
};

/** A project's history as people read it: who decided what, when, with which comment. */
export default function TimelinePage() {
  const { projectId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const serverMessage = useServerMessage();
  const timeline = useQuery({
    queryKey: projectKeys.timeline(projectId),
    queryFn: async () =>
      jsonOf(
        (
          await api.GET('/projects/{projectId}/timeline', {
            params: { path: { projectId }, query: {} },
          })
        ).data,
      ),
  });
  const replay = useMutation({
    mutationFn: async () =>
      (await api.GET('/projects/{projectId}/replay-check', { params: { path: { projectId } } }))
        .data!,
  });
  const typeLabel = (type: string) =>
    i18n.exists(`actions.${type}`)
      ? t(`actions.${type}`)
      : i18n.exists(`events.${type}`)
        ? t(`events.${type}`)
        : type;
  if (timeline.error)
    return <Alert type="error" role="alert" message={serverMessage(timeline.error)} />;
  const view = timeline.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('timeline.title', { title: view?.title ?? '' })}
      </Typography.Title>
      <Space wrap>
        <Link to={`/projects/${projectId}`}>{t('timeline.backToProject')}</Link>
        <Button href={`/projects/${projectId}/timeline?format=csv`} download>
          {t('timeline.csv')}
        </Button>
        <Button
          href={`/projects/${projectId}/timeline?format=json`}
          download={`project-${projectId}-timeline.json`}
        >
          {t('timeline.json')}
        </Button>
        <Button
          href={`/projects/${projectId}/history`}
          download={`project-${projectId}-history.json`}
        >
          {t('timeline.rawHistory')}
        </Button>
        <Button onClick={() => replay.mutate()} loading={replay.isPending}>
          {t('timeline.replay')}
        </Button>
      </Space>
      {replay.data && (
        <Alert
          role="status"
          type={replay.data.consistent ? 'success' : 'error'}
          message={
            replay.data.consistent ? t('timeline.replayConsistent') : t('timeline.replayDiverged')
          }
        />
      )}
      {replay.error && <Alert type="error" role="alert" message={serverMessage(replay.error)} />}
      {view && view.missingRunIds.length > 0 && (
        <Alert
          type="warning"
          message={t('timeline.missingRuns', { count: view.missingRunIds.length })}
        />
      )}
      <Timeline
        data-testid="timeline"
        items={(view?.entries ?? []).map((entry) => ({
          color: KIND_COLOURS[entry.kind] ?? 'gray',
          children: (
            <div data-testid={`timeline-entry-${entry.kind}`}>
              <Space wrap size={4}>
                <Typography.Text strong>{typeLabel(entry.type)}</Typography.Text>
                <Tag>{t(`timeline.kinds.${entry.kind}`)}</Tag>
                {entry.outcome && <Tag color="blue">{entry.outcome}</Tag>}
              </Space>
              <div>
                {format.dateTime(entry.at)}
                {entry.actorName && (
                  <>
                    {' · '}
                    <span data-testid="timeline-actor">{entry.actorName}</span>
                    {entry.actorRole && ` (${t(`roles.${entry.actorRole}`)})`}
                  </>
                )}
              </div>
              {entry.comment && (
                <Typography.Paragraph style={{ margin: 0 }}>“{entry.comment}”</Typography.Paragraph>
              )}
            </div>
          ),
        }))}
      />
    </Space>
  );
}
