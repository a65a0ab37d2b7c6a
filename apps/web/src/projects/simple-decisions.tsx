import { Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { DecisionForm } from '../forms/DecisionForm';

type Schemas = components['schemas'];
const { TextArea } = Input;

export function CommentField({
  required = false,
  name = 'comment',
}: {
  required?: boolean;
  name?: string;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item label={t(`fields.${name}`)} name={name} required={required}>
      <TextArea rows={3} maxLength={2000} />
    </Form.Item>
  );
}

export function ScreeningForm({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  return (
    <DecisionForm<
      { outcome: 'accept' | 'reject' | 'return'; comment?: string },
      Schemas['ScreenApplicationDto']
    >
      decision="screenApplication"
      fields={['outcome', 'comment']}
      initialValues={{ outcome: 'accept' }}
      toBody={(values) => values}
      send={(body) =>
        api.POST('/projects/{projectId}/screening', { params: { path: { projectId } }, body })
      }
      submitLabel={t('decisions.screenApplication.submit')}
      testId="form-screenApplication"
    >
      <Form.Item label={t('fields.outcome')} name="outcome">
        <Radio.Group
          options={(['accept', 'return', 'reject'] as const).map((value) => ({
            value,
            label: t(`screening.${value}`),
          }))}
        />
      </Form.Item>
      <CommentField />
    </DecisionForm>
  );
}

/** A decision that carries only an optional comment (approvals, acceptances, sign-offs). */
export function CommentOnlyForm({
  projectId,
  decision,
}: {
  projectId: string;
  decision: 'acceptAssignment' | 'approvePlan' | 'signOffInvestment' | 'approveIncubation';
}) {
  const { t } = useTranslation();
  const send = (body: { comment?: string; decisionId: string }) => {
    const params = { path: { projectId } };
    switch (decision) {
      case 'acceptAssignment':
        return api.POST('/projects/{projectId}/mentor-assignment/accept', { params, body });
      case 'approvePlan':
        return api.POST('/projects/{projectId}/plan-review/approve', { params, body });
      case 'signOffInvestment':
        return api.POST('/projects/{projectId}/investment-sign-offs', { params, body });
      case 'approveIncubation':
        return api.POST('/projects/{projectId}/incubation-approval', { params, body });
    }
  };
  return (
    <DecisionForm<{ comment?: string }, { comment?: string; decisionId: string }>
      decision={decision}
      fields={['comment']}
      toBody={(values) => values}
      send={send}
      submitLabel={t(`decisions.${decision}.submit`)}
      testId={`form-${decision}`}
    >
      <CommentField />
    </DecisionForm>
  );
}

/** A decision that must say why (declines, revision requests and every override). */
export function ReasonedForm({
  projectId,
  decision,
  danger,
}: {
  projectId: string;
  decision:
    | 'declineAssignment'
    | 'requestRevision'
    | 'withdraw'
    | 'allowExtraRevisionRound'
    | 'putOnHold'
    | 'resumeProject';
  danger?: boolean;
}) {
  const { t } = useTranslation();
  // A revision request says what to change in its comment; the others give a reason.
  const field = decision === 'requestRevision' ? 'comment' : 'reason';
  const send = (body: Record<string, string>) => {
    const params = { path: { projectId } };
    const reason = { reason: body.reason ?? '', decisionId: body.decisionId };
    switch (decision) {
      case 'declineAssignment':
        return api.POST('/projects/{projectId}/mentor-assignment/decline', {
          params,
          body: reason,
        });
      case 'requestRevision':
        return api.POST('/projects/{projectId}/plan-review/request-revision', {
          params,
          body: { comment: body.comment ?? '', decisionId: body.decisionId },
        });
      case 'withdraw':
        return api.POST('/projects/{projectId}/withdrawal', { params, body: reason });
      case 'allowExtraRevisionRound':
        return api.POST('/projects/{projectId}/extra-revision-round', { params, body: reason });
      case 'putOnHold':
        return api.POST('/projects/{projectId}/hold', { params, body: reason });
      case 'resumeProject':
        return api.POST('/projects/{projectId}/resume', { params, body: reason });
    }
  };
  return (
    <DecisionForm<Record<string, string>, Record<string, string>>
      decision={decision}
      fields={[field]}
      toBody={(values) => values}
      send={send}
      danger={danger}
      submitLabel={t(`decisions.${decision}.submit`)}
      testId={`form-${decision}`}
    >
      <CommentField name={field} required />
    </DecisionForm>
  );
}
