import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, FIRST_PAGE } from '../api/client';
import { unreadCountKey } from '../app/AppShell';
import { useFormat } from '../i18n/use-format';

const notificationKeys = { all: ['notifications', 'list'] as const };

export default function NotificationsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: notificationKeys.all,
    queryFn: async () =>
      (await api.GET('/me/notifications', { params: { query: FIRST_PAGE } })).data!,
  });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    await queryClient.invalidateQueries({ queryKey: unreadCountKey });
  };
  const markRead = useMutation({
    mutationFn: (notificationId: string) =>
      api.POST('/me/notifications/{notificationId}/read', {
        params: { path: { notificationId } },
      }),
    onSuccess: refresh,
  });
  const markAll = useMutation({
    mutationFn: () => api.POST('/me/notifications/read-all'),
    onSuccess: refresh,
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('notifications.title')}
        </Typography.Title>
        <Button onClick={() => markAll.mutate()} disabled={!list.data?.unreadCount}>
          {t('notifications.markAll')}
        </Button>
      </Space>
      <List
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('notifications.empty') }}
        renderItem={(item) => (
          <List.Item
            actions={
              item.read
                ? []
                : [
                    <Button
                      key="read"
                      size="small"
                      onClick={() => markRead.mutate(item.notificationId)}
                    >
                      {t('notifications.markRead')}
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              title={
                <Space>
                  {!item.read && (
                    // A bare status dot may not carry a label (axe: aria-prohibited-attr): the
                    // label sits on a wrapper with an image role.
                    <span role="img" aria-label={t('notifications.unread')}>
                      <Badge status="processing" />
                    </span>
                  )}
                  <Link to={`/projects/${item.projectId}`}>{item.subject}</Link>
                </Space>
              }
              description={`${format.dateTime(item.createdAt)} · ${item.body}`}
            />
          </List.Item>
        )}
      />
    </Space>
  );
}
