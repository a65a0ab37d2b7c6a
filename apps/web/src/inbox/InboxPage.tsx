import { useQuery } from '@tanstack/react-query';
import { Alert, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, FIRST_PAGE } from '../api/client';
import { useServerMessage } from '../forms/server-errors';
import { useFormat } from '../i18n/use-format';

export const inboxKeys = { all: ['inbox'] as const };

const URGENCY_COLOURS: Record<string, string> = {
  overdue: 'error',
  due: 'warning',
  flagged: 'error',
  open: 'default',
};

/** What waits for the signed-in person: assignments to answer, plans to review, sign-offs due. */
export default function InboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const serverMessage = useServerMessage();
  const inbox = useQuery({
    queryKey: inboxKeys.all,
    queryFn: async () => (await api.GET('/me/inbox', { params: { query: FIRST_PAGE } })).data!,
    refetchInterval: 30_000,
  });
  const timeLeft = (seconds: number | null) => {
    if (seconds === null) return '—';
    if (seconds <= 0) return t('inbox.overdueBy', { hours: Math.ceil(-seconds / 3600) });
    const days = Math.floor(seconds / 86400);
    const hours = Math.floor((seconds % 86400) / 3600);
    return t('inbox.left', { days, hours });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('inbox.title')}
      </Typography.Title>
      {inbox.error && <Alert type="error" role="alert" message={serverMessage(inbox.error)} />}
      <Table
        rowKey={(item) => `${item.projectId}-${item.action}`}
        loading={inbox.isPending}
        dataSource={inbox.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{
          emptyText: <Typography.Text type="secondary">{t('inbox.empty')}</Typography.Text>,
        }}
        columns={[
          {
            title: t('inbox.project'),
            render: (_, item) => <Link to={`/projects/${item.projectId}`}>{item.title}</Link>,
          },
          { title: t('inbox.action'), render: (_, item) => t(`actions.${item.action}`) },
          {
            title: t('inbox.waitingFor'),
            render: (_, item) => t(`inbox.waiting.${item.waitingFor}`),
          },
          { title: t('inbox.due'), render: (_, item) => format.dateTime(item.dueAt) },
          { title: t('inbox.timeLeft'), render: (_, item) => timeLeft(item.secondsLeft) },
          {
            title: t('inbox.urgency'),
            render: (_, item) => (
              <Tag color={URGENCY_COLOURS[item.urgency]}>
                {t(`inbox.urgencies.${item.urgency}`)}
              </Tag>
            ),
          },
        ]}
      />
    </Space>
  );
}
