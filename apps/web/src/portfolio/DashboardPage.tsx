import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { OPEN_STAGES, STAGES } from '@app/domain';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  Row,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, jsonOf } from '../api/client';
import type { components } from '../api/schema';
import { useServerMessage } from '../forms/server-errors';
import { todayInShanghai } from '../i18n/format';
import { useFormat } from '../i18n/use-format';
import { EChart, type ChartOption } from './EChart';

type Portfolio = components['schemas']['Portfolio'];
interface Period {
  from: string;
  to: string;
  college?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const days = (value: number | null): string => (value === null ? '—' : value.toFixed(1));

/** Reviewers' and staff's view of the center's results: the portfolio of a period, in charts. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const serverMessage = useServerMessage();
  const [period, setPeriod] = useState<Period>(() => {
    const to = todayInShanghai();
    return { from: `${to.slice(0, 4)}-01-01`, to };
  });
  const portfolio = useQuery({
    queryKey: ['portfolio', period],
    queryFn: async () => jsonOf((await api.GET('/portfolio', { params: { query: period } })).data),
    placeholderData: keepPreviousData,
  });
  const reportQuery = new URLSearchParams({
    from: period.from,
    to: period.to,
    lang: format.language === 'en' ? 'en' : 'zh',
    ...(period.college ? { college: period.college } : {}),
  });
  const data = portfolio.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('dashboard.title')}
      </Typography.Title>
      <Form<Period>
        layout="inline"
        initialValues={period}
        onFinish={(values) =>
          setPeriod({
            from: values.from.trim(),
            to: values.to.trim(),
            college: values.college?.trim() || undefined,
          })
        }
        style={{ rowGap: 8 }}
      >
        <Form.Item
          label={t('dashboard.from')}
          name="from"
          rules={[{ pattern: DAY, message: t('dashboard.dayFormat') }]}
        >
          <Input style={{ width: 130 }} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('dashboard.to')}
          name="to"
          rules={[{ pattern: DAY, message: t('dashboard.dayFormat') }]}
        >
          <Input style={{ width: 130 }} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('board.college')} name="college">
          <Input style={{ width: 180 }} allowClear autoComplete="off" />
        </Form.Item>
        <Button htmlType="submit" type="primary">
          {t('dashboard.apply')}
        </Button>
      </Form>
      <Space wrap>
        <a href={`/reports/portfolio?${reportQuery}`} target="_blank" rel="noreferrer">
          {t('dashboard.reportHtml')}
        </a>
        <a href={`/reports/portfolio?${reportQuery}&format=pdf`} download>
          {t('dashboard.reportPdf')}
        </a>
        <a href={`/portfolio?${new URLSearchParams({ ...period, format: 'csv' })}`} download>
          {t('dashboard.csv')}
        </a>
      </Space>
      {portfolio.error && (
        <Alert type="error" role="alert" message={serverMessage(portfolio.error)} />
      )}
      {data && <Figures portfolio={data} />}
      {portfolio.isPending && <Card loading />}
    </Space>
  );
}

function Figures({ portfolio }: { portfolio: Portfolio }) {
  const { t } = useTranslation();
  const format = useFormat();
  const stageName = (stage: string) => t(`stages.${stage}`);
  const funnelStages = [...OPEN_STAGES, 'INCUBATED'] as const;
  const charts = useMemo(() => {
    const bar = (names: string[], series: ChartOption['series']): ChartOption => ({
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: names, inverse: true },
      series,
      animation: false,
    });
    const kinds = portfolio.funding.byKind;
    return {
      funnel: bar(funnelStages.map(stageName), [
        {
          type: 'bar',
          name: t('dashboard.projects'),
          data: funnelStages.map((stage) => portfolio.projectsByStage[stage] ?? 0),
          itemStyle: { color: '#0958d9' },
          label: { show: true, position: 'right' },
        },
      ]),
      stageTimes: bar(
        portfolio.stageTimes.map((row) => stageName(row.stage)),
        [
          {
            type: 'bar',
            name: t('dashboard.median'),
            data: portfolio.stageTimes.map((row) => row.medianDays ?? 0),
            itemStyle: { color: '#0958d9' },
          },
          {
            type: 'bar',
            name: t('dashboard.p90'),
            data: portfolio.stageTimes.map((row) => row.p90Days ?? 0),
            itemStyle: { color: '#ad6800' },
          },
        ],
      ),
      mentorLoad: bar(
        portfolio.mentorLoad.map((row) => row.name),
        [
          {
            type: 'bar',
            name: t('dashboard.activeProjects'),
            data: portfolio.mentorLoad.map((row) => row.activeProjects),
            itemStyle: { color: '#0958d9' },
          },
          {
            type: 'bar',
            name: t('dashboard.capacity'),
            data: portfolio.mentorLoad.map((row) => row.capacity),
            itemStyle: { color: '#8c8c8c' },
          },
        ],
      ),
      funding: bar(
        kinds.map((row) => t(`investorKinds.${row.kind}`)),
        [
          {
            type: 'bar',
            name: t('dashboard.raised'),
            data: kinds.map((row) => row.raisedFen / 100),
            itemStyle: { color: '#237804' },
          },
          {
            type: 'bar',
            name: t('dashboard.committed'),
            data: kinds.map((row) => row.committedFen / 100),
            itemStyle: { color: '#ad6800' },
          },
        ],
      ),
    };
    // The labels follow the language; the figures follow the answer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [portfolio, t]);
  const bottleneck = portfolio.bottleneck;
  const card = (title: string, children: React.ReactNode, testId?: string) => (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 15, margin: 0 }}>{title}</h2>}
      data-testid={testId}
    >
      {children}
    </Card>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Row gutter={[12, 12]}>
        {(
          [
            ['incubated', portfolio.incubated],
            ['rejected', portfolio.rejected],
            ['withdrawn', portfolio.withdrawn],
            ['companiesRegistered', portfolio.companiesRegistered],
            ['jobsCreated', portfolio.jobsCreated],
          ] as const
        ).map(([key, value]) => (
          <Col key={key} xs={12} md={8} lg={4}>
            <Card size="small">
              <Statistic title={t(`dashboard.${key}`)} value={value} />
            </Card>
          </Col>
        ))}
        <Col xs={24} md={8} lg={4}>
          <Card size="small">
            <Statistic
              title={t('dashboard.raisedTotal')}
              value={format.fen(portfolio.funding.raisedFen)}
            />
          </Card>
        </Col>
      </Row>
      {card(
        t('dashboard.bottleneck'),
        bottleneck ? (
          <Typography.Text data-testid="bottleneck">
            {t('dashboard.bottleneckLine', {
              stage: stageName(bottleneck.stage),
              days: days(bottleneck.medianDays),
              projects: bottleneck.projectsInStage,
            })}
          </Typography.Text>
        ) : (
          <Typography.Text data-testid="bottleneck">{t('dashboard.noBottleneck')}</Typography.Text>
        ),
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          {card(
            t('dashboard.funnel'),
            <>
              <EChart option={charts.funnel} label={t('dashboard.funnel')} testId="chart-funnel" />
              <Table
                size="small"
                pagination={false}
                rowKey="stage"
                dataSource={STAGES.map((stage) => ({
                  stage,
                  projects: portfolio.projectsByStage[stage] ?? 0,
                }))}
                columns={[
                  { title: t('dashboard.stage'), render: (_, row) => stageName(row.stage) },
                  { title: t('dashboard.projects'), dataIndex: 'projects', align: 'right' },
                ]}
              />
            </>,
            'dashboard-funnel',
          )}
        </Col>
        <Col xs={24} lg={12}>
          {card(
            t('dashboard.stageTimes'),
            <>
              <EChart
                option={charts.stageTimes}
                label={t('dashboard.stageTimes')}
                testId="chart-stage-times"
              />
              <Table
                size="small"
                pagination={false}
                rowKey="stage"
                dataSource={portfolio.stageTimes}
                columns={[
                  { title: t('dashboard.stage'), render: (_, row) => stageName(row.stage) },
                  { title: t('dashboard.staysEnded'), dataIndex: 'staysEnded', align: 'right' },
                  {
                    title: t('dashboard.medianDays'),
                    render: (_, row) => days(row.medianDays),
                    align: 'right',
                  },
                  {
                    title: t('dashboard.p90Days'),
                    render: (_, row) => days(row.p90Days),
                    align: 'right',
                  },
                ]}
              />
            </>,
            'dashboard-stage-times',
          )}
        </Col>
        <Col xs={24} lg={12}>
          {card(
            t('dashboard.mentorLoad'),
            <>
              <EChart
                option={charts.mentorLoad}
                label={t('dashboard.mentorLoad')}
                height={Math.max(200, 40 * portfolio.mentorLoad.length)}
                testId="chart-mentor-load"
              />
              <Table
                size="small"
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                rowKey="mentorId"
                scroll={{ x: true }}
                dataSource={portfolio.mentorLoad}
                columns={[
                  { title: t('mentors.name'), dataIndex: 'name' },
                  {
                    title: t('dashboard.activeProjects'),
                    dataIndex: 'activeProjects',
                    align: 'right',
                  },
                  { title: t('dashboard.capacity'), dataIndex: 'capacity', align: 'right' },
                  { title: t('dashboard.spare'), dataIndex: 'spare', align: 'right' },
                ]}
              />
            </>,
            'dashboard-mentor-load',
          )}
        </Col>
        <Col xs={24} lg={12}>
          {card(
            t('dashboard.funding'),
            <>
              <EChart
                option={charts.funding}
                label={t('dashboard.funding')}
                testId="chart-funding"
              />
              <Table
                size="small"
                pagination={false}
                rowKey="kind"
                dataSource={portfolio.funding.byKind}
                columns={[
                  {
                    title: t('dashboard.investorKind'),
                    render: (_, row) => t(`investorKinds.${row.kind}`),
                  },
                  {
                    title: t('dashboard.raised'),
                    render: (_, row) => format.fen(row.raisedFen),
                    align: 'right',
                  },
                  {
                    title: t('dashboard.committed'),
                    render: (_, row) => format.fen(row.committedFen),
                    align: 'right',
                  },
                ]}
              />
            </>,
            'dashboard-funding',
          )}
        </Col>
      </Row>
    </Space>
  );
}
