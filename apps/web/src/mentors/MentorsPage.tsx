import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { canActAsStaff, useMe } from '../app/session';
import { useServerFieldErrors } from '../forms/server-field-errors';
import { useServerMessage } from '../forms/server-errors';
import { mentorKeys } from '../projects/queries';

type Mentor = components['schemas']['MentorView'];
type MentorValues = components['schemas']['CreateMentorDto'];

const MENTOR_FIELDS = [
  'name',
  'organisation',
  'capacity',
  'email',
  'expertiseTags',
  'declaredConflicts',
] as const;
const PAGE_SIZE = 20;
type ActiveFilter = 'active' | 'inactive' | 'all';

/** Staff keep the mentor records: who mentors, in what, for how many projects, with which conflicts. */
export default function MentorsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const editable = canActAsStaff(me.data?.role);
  const queryClient = useQueryClient();
  const serverMessage = useServerMessage();
  const [page, setPage] = useState(1);
  const [shown, setShown] = useState<ActiveFilter>('active');
  const [editing, setEditing] = useState<Mentor>();
  const active = shown === 'all' ? undefined : shown === 'active';
  const mentors = useQuery({
    queryKey: [...mentorKeys.all, 'managed', { page, active }],
    queryFn: async () =>
      (
        await api.GET('/mentors', {
          params: { query: { page, pageSize: PAGE_SIZE, active } as never },
        })
      ).data!,
    placeholderData: keepPreviousData,
  });
  const setActive = useMutation({
    mutationFn: ({ mentorId, to }: { mentorId: string; to: boolean }) =>
      to
        ? api.POST('/mentors/{mentorId}/reactivation', { params: { path: { mentorId } } })
        : api.POST('/mentors/{mentorId}/deactivation', { params: { path: { mentorId } } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mentorKeys.all }),
  });

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('mentors.title')}
      </Typography.Title>
      <Space wrap>
        <Typography.Text id="mentors-shown">{t('mentors.shown')}</Typography.Text>
        <Select<ActiveFilter>
          aria-labelledby="mentors-shown"
          style={{ width: 160 }}
          value={shown}
          onChange={(value) => {
            setShown(value);
            setPage(1);
          }}
          options={(['active', 'inactive', 'all'] as const).map((value) => ({
            value,
            label: t(`mentors.filter.${value}`),
          }))}
        />
      </Space>
      {mentors.error && <Alert type="error" role="alert" message={serverMessage(mentors.error)} />}
      {setActive.error && (
        <Alert type="error" role="alert" message={serverMessage(setActive.error)} />
      )}
      <Table<Mentor>
        rowKey="mentorId"
        loading={mentors.isPending}
        dataSource={mentors.data?.items ?? []}
        scroll={{ x: true }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: mentors.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          { title: t('mentors.name'), dataIndex: 'name' },
          { title: t('mentors.organisation'), dataIndex: 'organisation' },
          {
            title: t('mentors.expertise'),
            render: (_, mentor) => (
              <Space size={4} wrap>
                {mentor.expertiseTags.map((tag) => (
                  <Tag key={tag}>{tag}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('mentors.conflicts'),
            render: (_, mentor) => mentor.declaredConflicts.join('、') || '—',
          },
          {
            title: t('mentors.load'),
            render: (_, mentor) => (
              <span data-testid={`load-${mentor.mentorId}`}>
                {t('profile.load', { active: mentor.activeProjects, capacity: mentor.capacity })}
              </span>
            ),
          },
          {
            title: t('mentors.state'),
            render: (_, mentor) =>
              // Plain tags: the coloured ones fall under 4.5:1 contrast.
              mentor.active ? <Tag>{t('mentors.active')}</Tag> : <Tag>{t('mentors.inactive')}</Tag>,
          },
          ...(editable
            ? [
                {
                  title: t('mentors.actions'),
                  render: (_: unknown, mentor: Mentor) => (
                    <Space wrap>
                      <Button
                        size="small"
                        onClick={() => setEditing(mentor)}
                        aria-label={t('mentors.editOf', { name: mentor.name })}
                      >
                        {t('mentors.edit')}
                      </Button>
                      <Button
                        size="small"
                        danger={mentor.active}
                        loading={
                          setActive.isPending && setActive.variables?.mentorId === mentor.mentorId
                        }
                        aria-label={t(
                          mentor.active ? 'mentors.deactivateOf' : 'mentors.reactivateOf',
                          {
                            name: mentor.name,
                          },
                        )}
                        onClick={() =>
                          setActive.mutate({ mentorId: mentor.mentorId, to: !mentor.active })
                        }
                      >
                        {t(mentor.active ? 'mentors.deactivate' : 'mentors.reactivate')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editable && <NewMentor />}
      {editing && <EditMentor mentor={editing} onClose={() => setEditing(undefined)} />}
    </Space>
  );
}

/** The fields of a mentor record; capacity is how many active projects they take at most. */
function MentorFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item label={t('mentors.name')} name="name" required>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('mentors.organisation')} name="organisation" required>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('mentors.capacity')} name="capacity" required>
        <InputNumber min={0} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item label={t('mentors.email')} name="email">
        <Input type="email" autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('mentors.expertise')} name="expertiseTags" extra={t('mentors.tagsHelp')}>
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} />
      </Form.Item>
      <Form.Item
        label={t('mentors.conflicts')}
        name="declaredConflicts"
        extra={t('mentors.tagsHelp')}
      >
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} />
      </Form.Item>
    </>
  );
}

/** Empty optional text is left out rather than sent as "" (the API would refuse it). */
function bodyOf(values: MentorValues): MentorValues {
  return { ...values, email: values.email?.trim() ? values.email.trim() : undefined };
}

function NewMentor() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showErrors = useServerFieldErrors();
  const [form] = Form.useForm<MentorValues>();
  const [top, setTop] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: (body: MentorValues) => api.POST('/mentors', { body }),
    onSuccess: async () => {
      form.resetFields();
      setTop([]);
      void message.success(t('mentors.created'));
      await queryClient.invalidateQueries({ queryKey: mentorKeys.all });
    },
    onError: (error) => setTop(showErrors(form, MENTOR_FIELDS, error)),
  });
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('mentors.create')}</h2>}>
      {top.map((text) => (
        <Alert key={text} type="error" role="alert" message={text} style={{ marginBottom: 12 }} />
      ))}
      <Form<MentorValues>
        form={form}
        layout="vertical"
        style={{ maxWidth: 560 }}
        initialValues={{ capacity: 3, expertiseTags: [], declaredConflicts: [] }}
        onFinish={(values) => create.mutate(bodyOf(values))}
        // Its own name, so its fields' ids differ from the edit form's.
        name="createMentor"
        data-testid="form-createMentor"
      >
        <MentorFields />
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('mentors.createSubmit')}
        </Button>
      </Form>
    </Card>
  );
}

function EditMentor({ mentor, onClose }: { mentor: Mentor; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showErrors = useServerFieldErrors();
  const [form] = Form.useForm<MentorValues>();
  const [top, setTop] = useState<string[]>([]);
  const update = useMutation({
    mutationFn: (body: MentorValues) =>
      api.PATCH('/mentors/{mentorId}', { params: { path: { mentorId: mentor.mentorId } }, body }),
    onSuccess: async () => {
      void message.success(t('mentors.saved'));
      await queryClient.invalidateQueries({ queryKey: mentorKeys.all });
      onClose();
    },
    onError: (error) => setTop(showErrors(form, MENTOR_FIELDS, error)),
  });
  return (
    <Modal
      open
      title={t('mentors.editTitle', { name: mentor.name })}
      onCancel={onClose}
      okText={t('mentors.save')}
      cancelText={t('mentors.cancel')}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {top.map((text) => (
        <Alert key={text} type="error" role="alert" message={text} style={{ marginBottom: 12 }} />
      ))}
      <Form<MentorValues>
        form={form}
        layout="vertical"
        initialValues={{ ...mentor, email: mentor.email ?? undefined }}
        onFinish={(values) => update.mutate(bodyOf(values))}
        name="updateMentor"
        data-testid="form-updateMentor"
      >
        <MentorFields />
      </Form>
    </Modal>
  );
}
