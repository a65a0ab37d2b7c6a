import { Card, Collapse, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from './project-detail';
import { canActAsStaff } from '../app/session';
import { ResubmitForm } from './ApplicationForm';
import { ExtendDeadlineForm, MentorAssignmentForm, ReplaceMentorForm } from './mentor-forms';
import { PlanVersionForm } from './plan-forms';
import { CompanyForm, InvestorContactForm } from './record-forms';
import { CommentOnlyForm, ReasonedForm, ScreeningForm } from './simple-decisions';

type FullView = Extract<ProjectDetail, { source: 'workflow' }>;
type SummaryView = Extract<ProjectDetail, { scope: 'summary' }>;

function Decision({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card size="small" title={<h3 style={{ fontSize: 15, margin: 0 }}>{title}</h3>}>
      {children}
    </Card>
  );
}

/**
 * A form for every decision the signed-in person may take now. It follows the project's pending
 * actions; the API and the workflow still judge each decision, so this only leaves out forms
 * that would certainly be refused.
 */
export function DecisionPanel({
  projectId,
  role,
  mentorId,
  full,
  summary,
}: {
  projectId: string;
  role?: string;
  mentorId?: string | null;
  full?: FullView;
  summary?: SummaryView;
}) {
  const { t } = useTranslation();
  const pending = full?.state.pendingActions ?? summary?.pendingActions ?? [];
  const mine = pending.filter((action) =>
    role === 'mentor'
      ? action.actorRole === 'mentor' && action.mentorId === mentorId
      : action.actorRole === 'staff' && canActAsStaff(role),
  );
  const now: ReactNode[] = [];
  const title = (decision: string) => t(`decisions.${decision}.title`);
  for (const { action } of mine) {
    switch (action) {
      case 'screenApplication':
        now.push(
          <Decision key={action} title={title(action)}>
            <ScreeningForm projectId={projectId} />
          </Decision>,
        );
        break;
      case 'resubmitApplication':
        if (full) {
          now.push(
            <Decision key={action} title={title(action)}>
              <ResubmitForm projectId={projectId} current={full.state.application} />
            </Decision>,
          );
        }
        break;
      case 'assignMentor':
        now.push(
          <Decision key={action} title={title(action)}>
            <MentorAssignmentForm projectId={projectId} />
          </Decision>,
        );
        break;
      case 'acceptAssignment':
        now.push(
          <Decision key="accept" title={title('acceptAssignment')}>
            <CommentOnlyForm projectId={projectId} decision="acceptAssignment" />
          </Decision>,
          <Decision key="decline" title={title('declineAssignment')}>
            <ReasonedForm projectId={projectId} decision="declineAssignment" danger />
          </Decision>,
        );
        break;
      case 'submitPlanVersion':
        now.push(
          <Decision key={action} title={title(action)}>
            <PlanVersionForm projectId={projectId} />
          </Decision>,
        );
        break;
      case 'approvePlan':
        now.push(
          <Decision key="approve" title={title('approvePlan')}>
            <CommentOnlyForm projectId={projectId} decision="approvePlan" />
          </Decision>,
          <Decision key="revise" title={title('requestRevision')}>
            <ReasonedForm projectId={projectId} decision="requestRevision" />
          </Decision>,
        );
        break;
      case 'allowExtraRevisionRound':
      case 'resumeProject':
        now.push(
          <Decision key={action} title={title(action)}>
            <ReasonedForm projectId={projectId} decision={action} />
          </Decision>,
        );
        break;
      case 'recordInvestorContact':
        now.push(
          <Decision key={action} title={title(action)}>
            <InvestorContactForm projectId={projectId} />
          </Decision>,
        );
        break;
      case 'signOffInvestment':
      case 'approveIncubation':
        now.push(
          <Decision key={action} title={title(action)}>
            <CommentOnlyForm projectId={projectId} decision={action} />
          </Decision>,
        );
        break;
      case 'recordCompany':
        now.push(
          <Decision key={action} title={title(action)}>
            <CompanyForm projectId={projectId} />
          </Decision>,
        );
        break;
    }
  }
  const state = full?.state;
  // More contacts may be recorded after the first commitment, before the sign-offs.
  if (
    state?.stage === 'INVESTOR_CONTACT' &&
    canActAsStaff(role) &&
    state.status === 'ACTIVE' &&
    !mine.some((action) => action.action === 'recordInvestorContact')
  ) {
    now.push(
      <Decision key="more-contacts" title={title('recordInvestorContact')}>
        <InvestorContactForm projectId={projectId} />
      </Decision>,
    );
  }

  const overrides: { key: string; label: string; children: ReactNode }[] = [];
  if (state && canActAsStaff(role) && state.status !== 'CLOSED') {
    const limited = state.pendingActions
      .filter((action) => action.dueAt)
      .map((action) => action.action);
    if (state.status === 'ACTIVE') {
      overrides.push({
        key: 'hold',
        label: title('putOnHold'),
        children: <ReasonedForm projectId={projectId} decision="putOnHold" />,
      });
    }
    if (limited.length > 0) {
      overrides.push({
        key: 'extend',
        label: title('extendDeadline'),
        children: <ExtendDeadlineForm projectId={projectId} actions={limited} />,
      });
    }
    if (state.matching.assignedMentorId) {
      overrides.push({
        key: 'replace',
        label: title('replaceMentor'),
        children: <ReplaceMentorForm projectId={projectId} />,
      });
    }
    if (
      state.stage === 'BUSINESS_PLAN' &&
      !mine.some((a) => a.action === 'allowExtraRevisionRound')
    ) {
      overrides.push({
        key: 'extra',
        label: title('allowExtraRevisionRound'),
        children: <ReasonedForm projectId={projectId} decision="allowExtraRevisionRound" />,
      });
    }
    for (const contact of state.investorContacts) {
      overrides.push({
        key: `amend-${contact.contactId}`,
        label: t('decisions.amendInvestorContact.titleOf', { name: contact.investorName }),
        children: <InvestorContactForm projectId={projectId} amend={contact} />,
      });
    }
    if (state.company) {
      overrides.push({
        key: 'amend-company',
        label: title('amendCompany'),
        children: <CompanyForm projectId={projectId} amend={state.company} />,
      });
    }
    overrides.push({
      key: 'withdraw',
      label: title('withdraw'),
      children: <ReasonedForm projectId={projectId} decision="withdraw" danger />,
    });
  }

  if (now.length === 0 && overrides.length === 0) return null;
  return (
    <section aria-labelledby="decisions-now">
      <Typography.Title level={2} id="decisions-now" style={{ fontSize: 18 }}>
        {t('project.decisionsNow')}
      </Typography.Title>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {now}
        {overrides.length > 0 && <Collapse items={overrides} aria-label={t('project.overrides')} />}
      </Space>
    </section>
  );
}
