import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Drawer, Grid, Layout, Menu, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { LanguageSwitch } from './LanguageSwitch';
import { canActAsStaff, canReadEverything, meKey, useMe } from './session';

export const unreadCountKey = ['notifications', 'unread-count'] as const;

/** The frame of every signed-in page: what the role may open, the language, sign-out. */
export function AppShell() {
  const { t } = useTranslation();
  const me = useMe();
  const role = me.data?.role;
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const narrow = !Grid.useBreakpoint().md;
  const [menuOpen, setMenuOpen] = useState(false);
  const unread = useQuery({
    queryKey: unreadCountKey,
    queryFn: async () => (await api.GET('/me/notifications/unread-count')).data,
    refetchInterval: 30_000,
  });
  const signOut = useMutation({
    mutationFn: () => api.DELETE('/auth/browser-sessions/current'),
    onSettled: async () => {
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
      await navigate('/sign-in', { replace: true });
    },
  });

  const items = [
    canReadEverything(role) && { key: '/board', label: <Link to="/board">{t('nav.board')}</Link> },
    canActAsStaff(role) && {
      key: '/projects/new',
      label: <Link to="/projects/new">{t('nav.newApplication')}</Link>,
    },
    { key: '/inbox', label: <Link to="/inbox">{t('nav.inbox')}</Link> },
    {
      key: '/notifications',
      label: (
        <Link to="/notifications">
          <Space size={4}>
            {t('nav.notifications')}
            <Badge
              count={unread.data?.unreadCount ?? 0}
              size="small"
              aria-label={t('nav.unread', { count: unread.data?.unreadCount ?? 0 })}
            />
          </Space>
        </Link>
      ),
    },
    role === 'mentor' && { key: '/profile', label: <Link to="/profile">{t('nav.profile')}</Link> },
    canReadEverything(role) && {
      key: '/dashboard',
      label: <Link to="/dashboard">{t('nav.dashboard')}</Link>,
    },
    canReadEverything(role) && {
      key: '/mentors',
      label: <Link to="/mentors">{t('nav.mentors')}</Link>,
    },
    canReadEverything(role) && {
      key: '/calendar',
      label: <Link to="/calendar">{t('nav.calendar')}</Link>,
    },
    (role === 'reviewer' || role === 'admin') && {
      key: '/audit',
      label: <Link to="/audit">{t('nav.audit')}</Link>,
    },
    role === 'admin' && {
      key: '/admin/users',
      label: <Link to="/admin/users">{t('nav.users')}</Link>,
    },
  ].filter((item): item is Exclude<typeof item, false | undefined> => Boolean(item));

  const selected = items.map((item) => item.key).filter((key) => location.pathname.startsWith(key));
  const menu = (
    <Menu
      mode={narrow ? 'vertical' : 'horizontal'}
      selectedKeys={selected}
      items={items}
      onClick={() => setMenuOpen(false)}
      // Every page stays a visible link: items wrap to a second line rather than hide behind
      // an overflow button whose hidden links would still take the keyboard's focus.
      disabledOverflow
      style={{ flex: 1, minWidth: 0, borderBottom: 'none', flexWrap: 'wrap', lineHeight: '44px' }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          background: '#fff',
          paddingInline: narrow ? 12 : 24,
          borderBottom: '1px solid #f0f0f0',
          height: 'auto',
          minHeight: 64,
          lineHeight: 'normal',
        }}
      >
        <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
          {t('shell.product')}
        </Typography.Text>
        {narrow ? (
          <>
            <span style={{ flex: 1 }} />
            <Button onClick={() => setMenuOpen(true)} aria-expanded={menuOpen}>
              {t('shell.menu')}
            </Button>
            <Drawer open={menuOpen} onClose={() => setMenuOpen(false)} title={t('shell.menu')}>
              {menu}
            </Drawer>
          </>
        ) : (
          <nav aria-label={t('shell.navigation')} style={{ flex: 1, minWidth: 0 }}>
            {menu}
          </nav>
        )}
        <LanguageSwitch signedIn />
        {!narrow && (
          <Typography.Text>
            {me.data?.displayName} · {t(`roles.${role ?? 'staff'}`)}
          </Typography.Text>
        )}
        <Button onClick={() => signOut.mutate()} loading={signOut.isPending}>
          {t('shell.signOut')}
        </Button>
      </Layout.Header>
      <Layout.Content style={{ padding: narrow ? 12 : 24 }}>
        <main>
          <Outlet />
        </main>
      </Layout.Content>
    </Layout>
  );
}
