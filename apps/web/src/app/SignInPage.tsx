import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { Panel } from './Panel';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { languageFromPreference, switchLanguage } from '../i18n';
import { useServerMessage } from '../forms/server-errors';
import { LanguageSwitch } from './LanguageSwitch';
import { meKey, useMe } from './session';

interface Credentials {
  username: string;
  password: string;
}

export function SignInPage() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const serverMessage = useServerMessage();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const signIn = useMutation({
    mutationFn: async (body: Credentials) =>
      (await api.POST('/auth/browser-sessions', { body })).data,
    onSuccess: async (session) => {
      if (session) await switchLanguage(languageFromPreference(session.user.language));
      await queryClient.invalidateQueries({ queryKey: meKey });
      await navigate(from, { replace: true });
    },
  });
  if (me.data) return <Navigate to={from} replace />;
  return (
    <main style={{ maxWidth: 420, margin: '10vh auto', padding: 16 }}>
      <Panel>
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Space style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
              {t('signIn.title')}
            </Typography.Title>
            <LanguageSwitch signedIn={false} />
          </Space>
          {signIn.error && (
            <Alert type="error" role="alert" showIcon message={serverMessage(signIn.error)} />
          )}
          <Form<Credentials>
            layout="vertical"
            requiredMark={false}
            onFinish={(values) => signIn.mutate(values)}
          >
            <Form.Item
              label={t('signIn.username')}
              name="username"
              rules={[{ required: true, message: t('signIn.usernameRequired') }]}
            >
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              label={t('signIn.password')}
              name="password"
              rules={[{ required: true, message: t('signIn.passwordRequired') }]}
            >
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
              {t('signIn.submit')}
            </Button>
          </Form>
        </Space>
      </Panel>
    </main>
  );
}
