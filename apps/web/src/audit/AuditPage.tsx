import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Descriptions, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useServerMessage } from '../forms/server-errors';
import { useFormat } from '../i18n/use-format';

/** Reviewers: is the audit chain intact, its signed checkpoints, refused attempts, exports. */
export default function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const serverMessage = useServerMessage();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([
    dayjs().subtract(30, 'day'),
    dayjs().add(1, 'day'),
  ]);
  const verify = useMutation({
    mutationFn: async () => (await api.GET('/audit/verify')).data!,
  });
  const checkpoints = useQuery({
    queryKey: ['audit', 'checkpoints'],
    queryFn: async () => (await api.GET('/audit/checkpoints')).data!,
  });
  const security = useQuery({
    queryKey: ['security-events'],
    queryFn: async () =>
      (await api.GET('/security-events', { params: { query: {} as { limit: never } } })).data!,
  });
  const period = `from=${range[0].format('YYYY-MM-DD')}&to=${range[1].format('YYYY-MM-DD')}`;
  const result = verify.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('audit.verification')}</h2>}>
        <Button type="primary" onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('audit.verify')}
        </Button>
        {verify.error && <Alert type="error" role="alert" message={serverMessage(verify.error)} />}
        {result && (
          <div role="status" style={{ marginTop: 12 }}>
            <Alert
              type={result.intact ? 'success' : 'error'}
              message={
                result.intact
                  ? t('audit.intact', { rows: result.rows })
                  : t('audit.broken', { seq: result.brokenAtSeq })
              }
              description={result.problem ?? undefined}
            />
            <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
              <Descriptions.Item label={t('audit.head')}>
                <code style={{ wordBreak: 'break-all' }}>
                  {result.headSeq} · {result.headHash}
                </code>
              </Descriptions.Item>
              <Descriptions.Item label={t('audit.checkpointsMatched')}>
                {t('audit.matched', {
                  matched: result.checkpoints.matched,
                  total: result.checkpoints.total,
                })}
                {!result.checkpoints.signaturesChecked && ` · ${t('audit.noKeys')}`}
              </Descriptions.Item>
            </Descriptions>
          </div>
        )}
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('audit.export')}</h2>}>
        <Space wrap>
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(value) => value?.[0] && value[1] && setRange([value[0], value[1]])}
            aria-label={t('audit.period')}
          />
          <Button href={`/audit/export?${period}&format=csv`} download>
            {t('audit.csv')}
          </Button>
          <Button href={`/audit/export?${period}&format=json`} download="audit-export.json">
            {t('audit.json')}
          </Button>
        </Space>
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('audit.checkpoints')}</h2>}>
        <Table
          size="small"
          rowKey="seq"
          loading={checkpoints.isPending}
          pagination={{ pageSize: 5 }}
          scroll={{ x: true }}
          dataSource={checkpoints.data?.checkpoints ?? []}
          columns={[
            { title: t('audit.seq'), dataIndex: 'seq' },
            { title: t('audit.signedAt'), render: (_, row) => format.dateTime(row.signedAt) },
            { title: t('audit.keyId'), dataIndex: 'keyId' },
            { title: t('audit.hash'), render: (_, row) => <code>{row.hash.slice(0, 16)}…</code> },
          ]}
        />
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('audit.security')}</h2>}>
        <Table
          size="small"
          rowKey="id"
          loading={security.isPending}
          pagination={false}
          scroll={{ x: true }}
          dataSource={security.data?.items ?? []}
          columns={[
            { title: t('audit.when'), render: (_, row) => format.dateTime(String(row.occurredAt)) },
            { title: t('audit.who'), render: (_, row) => row.username ?? '—' },
            { title: t('audit.reason'), dataIndex: 'reason' },
            { title: t('audit.request'), render: (_, row) => `${row.method} ${row.path}` },
          ]}
        />
      </Card>
    </Space>
  );
}
