import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { canActAsStaff, canReadEverything, useMe } from '../app/session';
import { PageLoading } from '../app/PageLoading';
import { useServerMessage } from '../forms/server-errors';
import { useFormat } from '../i18n/use-format';
import { DecisionPanel } from './DecisionPanel';
import { PlanDocumentLink } from './plan-forms';
import { useProject } from './queries';

const PIPELINE = [
  'APPLICATION',
  'MENTOR_MATCHING',
  'BUSINESS_PLAN',
  'INVESTOR_CONTACT',
  'COMPANY_REGISTRATION',
  'INCUBATED',
] as const;

/** A project: where it stands, who must act by when, its records and the decisions open now. */
export default function ProjectPage() {
  const { projectId = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const project = useProject(projectId);
  const serverMessage = useServerMessage();
  if (project.isPending) return <PageLoading />;
  if (project.error)
    return <Alert type="error" role="alert" message={serverMessage(project.error)} />;
  const view = project.data;

  const header = (
    title: string,
    college: string,
    stage: string,
    status: string,
    extra?: ReactNode,
  ) => (
    <Flex justify="space-between" align="start" wrap gap={8}>
      <Space direction="vertical" size={0}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {title}
        </Typography.Title>
        <Typography.Text type="secondary">{college}</Typography.Text>
        <Space wrap style={{ marginTop: 8 }}>
          <Tag color="blue" data-testid="project-stage">
            {t(`stages.${stage}`)}
          </Tag>
          <Tag data-testid="project-status">{t(`status.${status}`)}</Tag>
        </Space>
      </Space>
      {extra}
    </Flex>
  );
  const steps = (stage: string) => {
    const current = PIPELINE.indexOf(stage as (typeof PIPELINE)[number]);
    return (
      <Steps
        size="small"
        responsive
        current={current < 0 ? undefined : current}
        status={stage === 'REJECTED' || stage === 'WITHDRAWN' ? 'error' : undefined}
        items={PIPELINE.map((step) => ({ title: t(`stages.${step}`) }))}
        aria-label={t('project.progress')}
      />
    );
  };

  if (view.scope === 'summary') {
    return (
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {header(view.title, view.college, view.stage, view.status)}
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('project.summaryTitle')}</h2>}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('fields.summary')}>{view.summary}</Descriptions.Item>
            <Descriptions.Item label={t('fields.fieldTags')}>
              {view.fieldTags.map((tag) => (
                <Tag key={tag}>{tag}</Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.technologyReadinessLevel')}>
              {view.technologyReadinessLevel}
            </Descriptions.Item>
            <Descriptions.Item label={t('project.teamSize')}>{view.teamSize}</Descriptions.Item>
            <Descriptions.Item label={t('fields.fundingRequestedFen')}>
              {format.fen(view.fundingRequestedFen)}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.ipAssets')}>
              {view.ipAssets
                .map((asset) => `${asset.title} (${t(`ipStatus.${asset.status}`)})`)
                .join('；')}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <PendingActions actions={view.pendingActions} />
        <DecisionPanel
          projectId={projectId}
          role={me.data?.role}
          mentorId={me.data?.mentorId}
          summary={view}
        />
      </Space>
    );
  }

  const timelineLink = canReadEverything(me.data?.role) && (
    <Link to={`/projects/${projectId}/timeline`}>{t('project.timeline')}</Link>
  );

  if (view.source === 'read-model') {
    return (
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {header(view.title, view.college, view.stage, view.status, timelineLink)}
        {steps(view.stage)}
        <Alert type="info" message={t('project.closed', { at: format.dateTime(view.closedAt) })} />
      </Space>
    );
  }

  const { state } = view;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {header(
        state.application.title,
        state.application.college,
        state.stage,
        state.status,
        timelineLink,
      )}
      {steps(state.stage)}
      {state.flags.needsAttention && (
        <Alert
          type="warning"
          showIcon
          message={t('project.flagged')}
          description={state.flags.reasons.join('；')}
        />
      )}
      {state.hold && (
        <Alert
          type="info"
          message={t('project.onHold', { since: format.dateTime(state.hold.since) })}
          description={state.hold.reason}
        />
      )}
      <PendingActions actions={state.pendingActions} />
      <DecisionPanel
        projectId={projectId}
        role={me.data?.role}
        mentorId={me.data?.mentorId}
        full={view}
      />
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('project.application')}</h2>}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('fields.summary')} span={2}>
            {state.application.summary}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.partyBranch')}>
            {state.application.partyBranch}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.technologyReadinessLevel')}>
            {state.application.technologyReadinessLevel}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.fundingRequestedFen')}>
            {format.fen(state.application.fundingRequestedFen)}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.fieldTags')}>
            {state.application.fieldTags.map((tag) => (
              <Tag key={tag}>{tag}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.teamMembers')} span={2}>
            {state.application.teamMembers
              .map((member) => `${member.name}（${t(`memberRoles.${member.role}`)}）`)
              .join('、')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {state.plan.versions.length > 0 && (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('project.plans')}</h2>}>
          <Table
            size="small"
            rowKey="version"
            pagination={false}
            scroll={{ x: true }}
            dataSource={state.plan.versions}
            columns={[
              { title: t('plan.version'), dataIndex: 'version' },
              { title: t('plan.fileName'), render: (_, v) => v.document.fileName },
              {
                title: 'SHA-256',
                render: (_, v) => (
                  <code style={{ wordBreak: 'break-all' }}>{v.document.sha256}</code>
                ),
              },
              { title: t('plan.submittedAt'), render: (_, v) => format.dateTime(v.submittedAt) },
              {
                title: t('plan.review'),
                render: (_, v) =>
                  v.review ? t(`planReview.${v.review.outcome}`) : t('planReview.waiting'),
              },
              {
                title: t('plan.document'),
                render: (_, v) => (
                  <PlanDocumentLink
                    projectId={projectId}
                    documentId={v.document.documentId}
                    fileName={v.document.fileName}
                  />
                ),
              },
            ]}
          />
        </Card>
      )}
      {state.investorContacts.length > 0 && (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('project.contacts')}</h2>}>
          <Table
            size="small"
            rowKey="contactId"
            pagination={false}
            scroll={{ x: true }}
            dataSource={state.investorContacts}
            columns={[
              { title: t('fields.investorName'), dataIndex: 'investorName' },
              { title: t('fields.kind'), render: (_, c) => t(`investorKinds.${c.kind}`) },
              { title: t('fields.date'), dataIndex: 'date' },
              { title: t('fields.outcome'), render: (_, c) => t(`contactOutcomes.${c.outcome}`) },
              { title: t('fields.amountYuan'), render: (_, c) => format.fen(c.amountFen) },
            ]}
          />
          <Typography.Paragraph style={{ marginTop: 8 }}>
            {t('project.signOffs', { count: state.signOffs.length })}{' '}
            {state.signOffs.map((s) => t(`roles.${s.role}`)).join('、')}
          </Typography.Paragraph>
        </Card>
      )}
      {state.company && (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('project.company')}</h2>}>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('fields.companyName')}>
              {state.company.companyName}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.uscc')}>{state.company.uscc}</Descriptions.Item>
            <Descriptions.Item label={t('fields.registrationDate')}>
              {state.company.registrationDate}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.registeredCapitalYuan')}>
              {format.fen(state.company.registeredCapitalFen)}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.jobsCreated')}>
              {state.company.jobsCreated}
            </Descriptions.Item>
            <Descriptions.Item label={t('company.ipShares')}>
              {t('company.sharesLine', {
                university: format.basisPoints(state.company.ipShares.universityBp),
                government: format.basisPoints(state.company.ipShares.localGovernmentBp),
                enterprise: format.basisPoints(state.company.ipShares.enterpriseBp),
              })}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {canActAsStaff(me.data?.role) && (
        <Button href={`/projects/${projectId}/history`} download>
          {t('project.rawHistory')}
        </Button>
      )}
    </Space>
  );
}

function PendingActions({
  actions,
}: {
  actions: { action: string; actorRole: string; mentorId?: string; dueAt?: string }[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('project.pending')}</h2>} size="small">
      {actions.length === 0 ? (
        <Typography.Text>{t('project.nothingPending')}</Typography.Text>
      ) : (
        <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="pending-actions">
          {actions.map((action) => (
            <li key={`${action.action}-${action.actorRole}`}>
              {t('project.pendingLine', {
                action: t(`actions.${action.action}`),
                who: t(`roles.${action.actorRole}`),
              })}
              {action.dueAt && ` · ${t('project.dueBy', { at: format.dateTime(action.dueAt) })}`}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
