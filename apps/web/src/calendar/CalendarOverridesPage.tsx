import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Space,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { useMe } from '../app/session';
import { useServerFieldErrors } from '../forms/server-field-errors';
import { useServerMessage } from '../forms/server-errors';
import { todayInShanghai } from '../i18n/format';

type Override = components['schemas']['CalendarOverrideView'];
type OverrideValues = components['schemas']['CalendarOverrideDto'];
const OVERRIDE_FIELDS = ['date', 'kind', 'note'] as const;

/**
 * The working-day calendar's corrections: next year's holidays and adjusted working days (调休)
 * are published late, so admins add them here; staff and reviewers read them.
 */
export default function CalendarOverridesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const editable = me.data?.role === 'admin';
  const queryClient = useQueryClient();
  const serverMessage = useServerMessage();
  const { message } = App.useApp();
  const [year, setYear] = useState(() => Number(todayInShanghai().slice(0, 4)));
  const key = ['calendar-overrides', year] as const;
  const overrides = useQuery({
    queryKey: key,
    queryFn: async () =>
      (await api.GET('/admin/calendar-overrides', { params: { query: { year } } })).data!,
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (date: string) =>
      api.DELETE('/admin/calendar-overrides/{date}', { params: { path: { date } } }),
    onSuccess: async () => {
      void message.success(t('calendar.removed'));
      await queryClient.invalidateQueries({ queryKey: ['calendar-overrides'] });
    },
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('calendar.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>{t('calendar.explain')}</Typography.Paragraph>
      <Space wrap>
        <label htmlFor="calendar-year">{t('calendar.year')}</label>
        <InputNumber
          id="calendar-year"
          min={1900}
          max={2200}
          precision={0}
          value={year}
          onChange={(value) => value !== null && setYear(value)}
        />
      </Space>
      {overrides.error && (
        <Alert type="error" role="alert" message={serverMessage(overrides.error)} />
      )}
      {remove.error && <Alert type="error" role="alert" message={serverMessage(remove.error)} />}
      <Table<Override>
        rowKey="date"
        loading={overrides.isPending}
        dataSource={overrides.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        data-testid="calendar-overrides"
        columns={[
          { title: t('calendar.date'), dataIndex: 'date' },
          { title: t('calendar.kind'), render: (_, row) => t(`calendar.kinds.${row.kind}`) },
          { title: t('calendar.note'), dataIndex: 'note' },
          ...(editable
            ? [
                {
                  title: t('calendar.actions'),
                  render: (_: unknown, row: Override) => (
                    <Popconfirm
                      title={t('calendar.removeConfirm', { date: row.date })}
                      okText={t('calendar.remove')}
                      cancelText={t('mentors.cancel')}
                      onConfirm={() => remove.mutate(row.date)}
                    >
                      <Button
                        size="small"
                        danger
                        aria-label={t('calendar.removeOf', { date: row.date })}
                      >
                        {t('calendar.remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editable && <NewOverride onAdded={(date) => setYear(Number(date.slice(0, 4)))} />}
    </Space>
  );
}

function NewOverride({ onAdded }: { onAdded: (date: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showErrors = useServerFieldErrors();
  const [form] = Form.useForm<OverrideValues>();
  const [top, setTop] = useState<string[]>([]);
  const add = useMutation({
    mutationFn: (body: OverrideValues) => api.PUT('/admin/calendar-overrides', { body }),
    onSuccess: async (_data, body) => {
      form.resetFields();
      setTop([]);
      void message.success(t('calendar.added'));
      onAdded(body.date);
      await queryClient.invalidateQueries({ queryKey: ['calendar-overrides'] });
    },
    onError: (error) => setTop(showErrors(form, OVERRIDE_FIELDS, error)),
  });
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('calendar.add')}</h2>}>
      {top.map((text) => (
        <Alert key={text} type="error" role="alert" message={text} style={{ marginBottom: 12 }} />
      ))}
      <Form<OverrideValues>
        form={form}
        layout="vertical"
        style={{ maxWidth: 560 }}
        initialValues={{ kind: 'holiday' }}
        onFinish={(values) => add.mutate({ ...values, date: values.date.trim() })}
        data-testid="form-setCalendarOverride"
      >
        {/* A plain text date (YYYY-MM-DD): typed or pasted from the State Council's notice. */}
        <Form.Item label={t('calendar.date')} name="date" required extra={t('calendar.dateHelp')}>
          <Input placeholder="2027-02-06" autoComplete="off" inputMode="numeric" />
        </Form.Item>
        <Form.Item label={t('calendar.kind')} name="kind">
          <Radio.Group
            options={(['holiday', 'workday'] as const).map((kind) => ({
              value: kind,
              label: t(`calendar.kinds.${kind}`),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('calendar.note')} name="note" required>
          <Input autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {t('calendar.addSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
