import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useServerMessage } from '../forms/server-errors';

const profileKey = ['me', 'mentor-profile'] as const;

/** A mentor's own profile: expertise and declared conflicts they keep; capacity as staff set it. */
export default function MentorProfilePage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const serverMessage = useServerMessage();
  const profile = useQuery({
    queryKey: profileKey,
    queryFn: async () => (await api.GET('/me/mentor-profile')).data!,
  });
  const save = useMutation({
    mutationFn: (body: { expertiseTags?: string[]; declaredConflicts?: string[] }) =>
      api.PATCH('/me/mentor-profile', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: profileKey }),
  });
  const view = profile.data;
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 760 }} size="middle">
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('profile.title')}
      </Typography.Title>
      {profile.error && <Alert type="error" role="alert" message={serverMessage(profile.error)} />}
      {view && (
        <Card>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('profile.name')}>{view.name}</Descriptions.Item>
            <Descriptions.Item label={t('profile.organisation')}>
              {view.organisation}
            </Descriptions.Item>
            <Descriptions.Item label={t('profile.capacity')}>
              {t('profile.load', { active: view.activeProjects, capacity: view.capacity })}
            </Descriptions.Item>
          </Descriptions>
          {save.error && <Alert type="error" role="alert" message={serverMessage(save.error)} />}
          <Form
            layout="vertical"
            initialValues={{
              expertiseTags: view.expertiseTags,
              declaredConflicts: view.declaredConflicts,
            }}
            onFinish={(values: { expertiseTags: string[]; declaredConflicts: string[] }) =>
              save.mutate(values)
            }
          >
            <Form.Item label={t('profile.expertise')} name="expertiseTags">
              <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} />
            </Form.Item>
            <Form.Item label={t('profile.conflicts')} name="declaredConflicts">
              <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('profile.save')}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
