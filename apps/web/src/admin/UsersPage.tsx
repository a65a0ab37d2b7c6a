import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, FIRST_PAGE } from '../api/client';
import type { components } from '../api/schema';
import { useServerMessage } from '../forms/server-errors';
import { useFormat } from '../i18n/use-format';

const userKeys = {
  all: ['admin', 'users'] as const,
  tokens: (userId: string) => ['admin', 'users', userId, 'api-tokens'] as const,
};
type NewUser = components['schemas']['CreateUserDto'];

/** Admins: people and their roles, and the API tokens machines use. */
export default function UsersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const serverMessage = useServerMessage();
  const [tokensOf, setTokensOf] = useState<{ id: string; username: string }>();
  const users = useQuery({
    queryKey: userKeys.all,
    queryFn: async () => (await api.GET('/admin/users', { params: { query: FIRST_PAGE } })).data!,
  });
  const create = useMutation({
    mutationFn: (body: NewUser) => api.POST('/admin/users', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
  const setActive = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      api.PATCH('/admin/users/{id}', { params: { path: { id } }, body: { active } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
  const [form] = Form.useForm<NewUser>();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('users.title')}
      </Typography.Title>
      {setActive.error && (
        <Alert type="error" role="alert" message={serverMessage(setActive.error)} />
      )}
      <Table
        rowKey="id"
        loading={users.isPending}
        dataSource={users.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          { title: t('users.role'), render: (_, user) => t(`roles.${user.role}`) },
          {
            title: t('users.active'),
            render: (_, user) => (
              <Switch
                checked={user.active}
                aria-label={t('users.activeOf', { name: user.username })}
                onChange={(active) => setActive.mutate({ id: user.id, active })}
              />
            ),
          },
          {
            title: t('users.tokens'),
            render: (_, user) => (
              <Button
                size="small"
                onClick={() => setTokensOf({ id: user.id, username: user.username })}
              >
                {t('users.manageTokens')}
              </Button>
            ),
          },
        ]}
      />
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('users.create')}</h2>}>
        {create.error && <Alert type="error" role="alert" message={serverMessage(create.error)} />}
        <Form<NewUser>
          form={form}
          layout="vertical"
          initialValues={{ role: 'staff', language: 'zh' }}
          onFinish={(values) => create.mutate(values, { onSuccess: () => form.resetFields() })}
        >
          <Space wrap>
            <Form.Item label={t('users.username')} name="username" required>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item label={t('users.displayName')} name="displayName" required>
              <Input />
            </Form.Item>
            <Form.Item label={t('users.role')} name="role">
              <Select
                style={{ width: 140 }}
                options={(['staff', 'mentor', 'reviewer', 'admin'] as const).map((role) => ({
                  value: role,
                  label: t(`roles.${role}`),
                }))}
              />
            </Form.Item>
            <Form.Item label={t('users.mentorId')} name="mentorId">
              <Input />
            </Form.Item>
            <Form.Item label={t('users.password')} name="password" required>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('users.createSubmit')}
          </Button>
        </Form>
      </Card>
      {tokensOf && (
        <ApiTokens
          user={tokensOf}
          onClose={() => setTokensOf(undefined)}
          formatDate={format.dateTime}
        />
      )}
    </Space>
  );
}

function ApiTokens({
  user,
  onClose,
  formatDate,
}: {
  user: { id: string; username: string };
  onClose: () => void;
  formatDate: (iso: string | null) => string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const serverMessage = useServerMessage();
  const tokens = useQuery({
    queryKey: userKeys.tokens(user.id),
    queryFn: async () =>
      (await api.GET('/admin/users/{id}/api-tokens', { params: { path: { id: user.id } } })).data!,
  });
  const issue = useMutation({
    mutationFn: async (body: { name: string; expiresInDays?: number }) =>
      (await api.POST('/admin/users/{id}/api-tokens', { params: { path: { id: user.id } }, body }))
        .data!,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.tokens(user.id) }),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.DELETE('/admin/api-tokens/{id}', { params: { path: { id } } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.tokens(user.id) }),
  });
  return (
    <Modal
      open
      title={t('users.tokensOf', { name: user.username })}
      onCancel={onClose}
      footer={null}
      width={760}
    >
      {issue.data && (
        <Alert
          type="success"
          style={{ marginBottom: 12 }}
          message={t('users.tokenOnce')}
          description={
            <Typography.Paragraph copyable={{ text: issue.data.token }} style={{ margin: 0 }}>
              <code style={{ wordBreak: 'break-all' }}>{issue.data.token}</code>
            </Typography.Paragraph>
          }
        />
      )}
      {(issue.error ?? revoke.error) && (
        <Alert type="error" role="alert" message={serverMessage(issue.error ?? revoke.error)} />
      )}
      <Form
        layout="inline"
        onFinish={(values: { name: string; expiresInDays?: number }) => issue.mutate(values)}
      >
        <Form.Item label={t('users.tokenName')} name="name" required>
          <Input />
        </Form.Item>
        <Form.Item label={t('users.tokenDays')} name="expiresInDays">
          <InputNumber min={1} max={3650} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={issue.isPending}>
          {t('users.issueToken')}
        </Button>
      </Form>
      <Table
        style={{ marginTop: 12 }}
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={tokens.data ?? []}
        columns={[
          { title: t('users.tokenName'), dataIndex: 'name' },
          {
            title: t('users.tokenStatus'),
            render: (_, token) => <Tag>{t(`users.tokenStatuses.${token.status}`)}</Tag>,
          },
          {
            title: t('users.expiresAt'),
            render: (_, token) => formatDate(String(token.expiresAt)),
          },
          {
            title: t('users.revoke'),
            render: (_, token) =>
              token.status === 'active' && (
                <Button size="small" danger onClick={() => revoke.mutate(token.id)}>
                  {t('users.revoke')}
                </Button>
              ),
          },
        ]}
      />
    </Modal>
  );
}
