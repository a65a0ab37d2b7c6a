import { APPLICATION_FIELDS, checkEligibility } from '@app/domain';
import { Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, newDecisionId } from '../api/client';
import type { components } from '../api/schema';
import { DecisionForm } from '../forms/DecisionForm';
import { yuanToFen } from '../i18n/format';
import { CommentField } from './simple-decisions';

type Application = components['schemas']['ApplicationDto'];
type ApplicationValues = Omit<Application, 'fundingRequestedFen'> & {
  fundingRequestedYuan: number;
};

function applicationBody({ fundingRequestedYuan, ...values }: ApplicationValues): Application {
  return {
    ...values,
    fieldTags: values.fieldTags ?? [],
    ipAssets: values.ipAssets ?? [],
    teamMembers: (values.teamMembers ?? []).map((member) => ({
      ...member,
      partyMember: member.partyMember ?? false,
    })),
    declaredConflicts: values.declaredConflicts?.length ? values.declaredConflicts : undefined,
    previousProjectId: values.previousProjectId || undefined,
    fundingRequestedFen: yuanToFen(fundingRequestedYuan ?? 0),
  };
}

function toValues(application: Application): ApplicationValues {
  const { fundingRequestedFen, ...rest } = application;
  return { ...rest, fundingRequestedYuan: fundingRequestedFen / 100 };
}

/** Every field a team's application carries: members, IP assets, the earlier project. */
function ApplicationFields({ resubmission = false }: { resubmission?: boolean }) {
  const { t } = useTranslation();
  const prefix = resubmission ? ['application'] : [];
  const name = (field: string) => [...prefix, field];
  return (
    <>
      <Form.Item label={t('fields.title')} name={name('title')} required>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t('fields.summary')} name={name('summary')} required>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Space wrap>
        <Form.Item label={t('fields.college')} name={name('college')} required>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('fields.partyBranch')} name={name('partyBranch')} required>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          label={t('fields.technologyReadinessLevel')}
          name={name('technologyReadinessLevel')}
        >
          <InputNumber min={1} max={9} precision={0} />
        </Form.Item>
        <Form.Item label={t('fields.fundingRequestedYuan')} name={name('fundingRequestedYuan')}>
          <InputNumber min={0} precision={2} step={10000} style={{ width: 200 }} />
        </Form.Item>
      </Space>
      <Form.Item label={t('fields.fieldTags')} name={name('fieldTags')}>
        <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} />
      </Form.Item>
      <Form.List name={name('teamMembers')}>
        {(members, { add, remove }) => (
          <Card
            size="small"
            title={<h2 style={{ fontSize: 15, margin: 0 }}>{t('fields.teamMembers')}</h2>}
            style={{ marginBottom: 16 }}
          >
            {members.map((member, index) => (
              <fieldset key={member.key} style={{ border: 0, padding: 0, margin: 0 }}>
                <legend style={{ fontSize: 14, margin: '4px 0' }}>
                  {t('application.member', { n: index + 1 })}
                </legend>
                <Space wrap align="end">
                  <Form.Item label={t('fields.name')} name={[member.name, 'name']} required>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item label={t('fields.memberId')} name={[member.name, 'memberId']} required>
                    <Input maxLength={64} />
                  </Form.Item>
                  <Form.Item
                    label={t('fields.role')}
                    name={[member.name, 'role']}
                    initialValue="member"
                  >
                    <Select
                      style={{ width: 120 }}
                      options={(['lead', 'member', 'advisor'] as const).map((role) => ({
                        value: role,
                        label: t(`memberRoles.${role}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item
                    label={t('fields.degree')}
                    name={[member.name, 'degree']}
                    initialValue="master"
                  >
                    <Select
                      style={{ width: 120 }}
                      options={(['bachelor', 'master', 'phd', 'other'] as const).map((degree) => ({
                        value: degree,
                        label: t(`degrees.${degree}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item label={t('fields.affiliation')} name={[member.name, 'affiliation']}>
                    <Input maxLength={200} />
                  </Form.Item>
                  <Form.Item
                    name={[member.name, 'partyMember']}
                    valuePropName="checked"
                    initialValue={false}
                  >
                    <Checkbox>{t('fields.partyMember')}</Checkbox>
                  </Form.Item>
                  <Form.Item>
                    <Button onClick={() => remove(member.name)}>
                      {t('application.removeMember', { n: index + 1 })}
                    </Button>
                  </Form.Item>
                </Space>
              </fieldset>
            ))}
            <Button onClick={() => add()}>{t('application.addMember')}</Button>
          </Card>
        )}
      </Form.List>
      <Form.List name={name('ipAssets')}>
        {(assets, { add, remove }) => (
          <Card
            size="small"
            title={<h2 style={{ fontSize: 15, margin: 0 }}>{t('fields.ipAssets')}</h2>}
            style={{ marginBottom: 16 }}
          >
            {assets.map((asset, index) => (
              <Space key={asset.key} wrap align="end">
                <Form.Item
                  label={t('fields.patentNumber')}
                  name={[asset.name, 'patentNumber']}
                  required
                >
                  <Input maxLength={50} />
                </Form.Item>
                <Form.Item label={t('fields.patentTitle')} name={[asset.name, 'title']} required>
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item
                  label={t('fields.ipStatus')}
                  name={[asset.name, 'status']}
                  initialValue="filed"
                >
                  <Select
                    style={{ width: 120 }}
                    options={(['filed', 'granted'] as const).map((status) => ({
                      value: status,
                      label: t(`ipStatus.${status}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item>
                  <Button onClick={() => remove(asset.name)}>
                    {t('application.removeAsset', { n: index + 1 })}
                  </Button>
                </Form.Item>
              </Space>
            ))}
            <Button onClick={() => add()}>{t('application.addAsset')}</Button>
          </Card>
        )}
      </Form.List>
      <Form.Item label={t('fields.declaredConflicts')} name={name('declaredConflicts')}>
        <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} />
      </Form.Item>
      {!resubmission && (
        <Form.Item
          label={t('fields.previousProjectId')}
          name="previousProjectId"
          extra={t('application.previousHelp')}
        >
          <Input maxLength={36} style={{ maxWidth: 380 }} />
        </Form.Item>
      )}
    </>
  );
}

/** A new application; eligibility is checked as it is filled in and answered at once. */
export function NewApplicationForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // One key per filled-in application: a repeated submit creates one project.
  const idempotencyKey = useRef(newDecisionId());
  return (
    <DecisionForm<ApplicationValues, Application & { decisionId: string }>
      check={(body) => checkEligibility(body)}
      fields={APPLICATION_FIELDS}
      initialValues={{
        technologyReadinessLevel: 4,
        fundingRequestedYuan: 0,
        teamMembers: [{ role: 'lead', degree: 'master', partyMember: true } as never],
      }}
      toBody={applicationBody}
      send={async ({ decisionId: _unused, ...body }) => {
        const { data } = await api.POST('/projects', {
          params: { header: { 'idempotency-key': idempotencyKey.current } as never },
          headers: { 'Idempotency-Key': idempotencyKey.current },
          body,
        });
        idempotencyKey.current = newDecisionId();
        if (data) await navigate(`/projects/${data.projectId}`);
      }}
      submitLabel={t('application.submit')}
      testId="form-application"
    >
      <ApplicationFields />
    </DecisionForm>
  );
}

export function ResubmitForm({ projectId, current }: { projectId: string; current: Application }) {
  const { t } = useTranslation();
  return (
    <DecisionForm<
      { application: ApplicationValues; comment?: string },
      { application: Application; comment?: string; decisionId: string }
    >
      decision="resubmitApplication"
      fields={APPLICATION_FIELDS.map((field) => `application.${field}`)}
      initialValues={{ application: toValues(current) }}
      toBody={(values) => ({ ...values, application: applicationBody(values.application) })}
      send={(body) =>
        api.POST('/projects/{projectId}/resubmission', { params: { path: { projectId } }, body })
      }
      submitLabel={t('decisions.resubmitApplication.submit')}
      testId="form-resubmitApplication"
    >
      <ApplicationFields resubmission />
      <CommentField />
    </DecisionForm>
  );
}

export default function NewApplicationPage() {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 960 }}>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('application.title')}
      </Typography.Title>
      <NewApplicationForm />
    </Space>
  );
}
