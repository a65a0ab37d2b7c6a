import { CONTACT_OUTCOMES, INVESTOR_KINDS, isValidUscc } from '@app/domain';
import {
  DatePicker,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, newDecisionId } from '../api/client';
import type { components } from '../api/schema';
import { DecisionForm } from '../forms/DecisionForm';
import { FieldErrors } from '../forms/FieldErrors';
import { todayInShanghai, yuanToFen } from '../i18n/format';
import { useFormat } from '../i18n/use-format';
import { CommentField } from './simple-decisions';

type Schemas = components['schemas'];
type Contact = Schemas['RecordInvestorContactDto'];
type Company = Schemas['RecordCompanyDto'];

interface ContactValues {
  contactId: string;
  investorName: string;
  kind: Contact['kind'];
  date: Dayjs;
  outcome: Contact['outcome'];
  amountYuan: number;
  reason?: string;
}

const CONTACT_FIELDS = ['investorName', 'kind', 'date', 'outcome', 'amountFen', 'reason'];

function contactBody(values: ContactValues): Omit<Contact, 'decisionId'> {
  return {
    contactId: values.contactId,
    investorName: values.investorName,
    kind: values.kind,
    date: values.date?.format('YYYY-MM-DD'),
    outcome: values.outcome,
    amountFen: yuanToFen(values.amountYuan ?? 0),
  };
}

/** Records a contact, or amends a recorded one (with a reason) when `amend` is given. */
export function InvestorContactForm({
  projectId,
  amend,
}: {
  projectId: string;
  amend?: Omit<Contact, 'decisionId'>;
}) {
  const { t } = useTranslation();
  const params = { path: { projectId } };
  return (
    <DecisionForm<ContactValues, Contact & { reason?: string }>
      decision={amend ? 'amendInvestorContact' : 'recordInvestorContact'}
      fields={CONTACT_FIELDS}
      fieldAliases={{ amountFen: 'amountFen' }}
      initialValues={
        amend
          ? { ...amend, date: dayjs(amend.date), amountYuan: amend.amountFen / 100 }
          : {
              contactId: newDecisionId(),
              kind: 'vc',
              outcome: 'meeting',
              date: dayjs(todayInShanghai()),
              amountYuan: 0,
            }
      }
      toBody={(values) => ({ ...contactBody(values), ...(amend ? { reason: values.reason } : {}) })}
      send={(body) =>
        amend
          ? api.POST('/projects/{projectId}/investor-contacts/amendments', {
              params,
              body: { ...body, reason: body.reason ?? '' },
            })
          : api.POST('/projects/{projectId}/investor-contacts', { params, body })
      }
      submitLabel={t(
        amend ? 'decisions.amendInvestorContact.submit' : 'decisions.recordInvestorContact.submit',
      )}
      testId={amend ? `form-amendInvestorContact-${amend.contactId}` : 'form-recordInvestorContact'}
    >
      <Form.Item name="contactId" hidden>
        <Input />
      </Form.Item>
      <Form.Item label={t('fields.investorName')} name="investorName" required>
        <Input maxLength={200} />
      </Form.Item>
      <Space wrap>
        <Form.Item label={t('fields.kind')} name="kind">
          <Select
            style={{ width: 200 }}
            options={INVESTOR_KINDS.map((kind) => ({
              value: kind,
              label: t(`investorKinds.${kind}`),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('fields.outcome')} name="outcome">
          <Select
            style={{ width: 160 }}
            options={CONTACT_OUTCOMES.map((outcome) => ({
              value: outcome,
              label: t(`contactOutcomes.${outcome}`),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('fields.date')} name="date">
          <DatePicker />
        </Form.Item>
        <Form.Item label={t('fields.amountYuan')} name="amountYuan">
          <InputNumber min={0} precision={2} step={1000} style={{ width: 180 }} />
        </Form.Item>
      </Space>
      {/* The API names the amount in fen; its refusal is shown under the yuan input. */}
      <FieldErrors name="amountFen" />
      {amend && <CommentField name="reason" required />}
    </DecisionForm>
  );
}

interface CompanyValues {
  companyName: string;
  uscc: string;
  registrationDate: Dayjs;
  registeredCapitalYuan: number;
  jobsCreated: number;
  ipShares: { universityBp: number; localGovernmentBp: number; enterpriseBp: number };
  rdTeamProfitShareBp: number;
  reason?: string;
}

const COMPANY_FIELDS = [
  'companyName',
  'uscc',
  'registrationDate',
  'registeredCapitalFen',
  'jobsCreated',
  'ipShares',
  'ipShares.universityBp',
  'ipShares.localGovernmentBp',
  'ipShares.enterpriseBp',
  'rdTeamProfitShareBp',
  'reason',
];

/** Shares are typed as percentages and sent as basis points (100% = 10000). */
const percentToBp = (percent: number | undefined): number => Math.round((percent ?? 0) * 100);

function companyBody(values: CompanyValues): Omit<Company, 'decisionId'> {
  return {
    companyName: values.companyName,
    uscc: (values.uscc ?? '').trim().toUpperCase(),
    registrationDate: values.registrationDate?.format('YYYY-MM-DD'),
    registeredCapitalFen: yuanToFen(values.registeredCapitalYuan ?? 0),
    jobsCreated: values.jobsCreated ?? 0,
    ipShares: {
      universityBp: percentToBp(values.ipShares?.universityBp),
      localGovernmentBp: percentToBp(values.ipShares?.localGovernmentBp),
      enterpriseBp: percentToBp(values.ipShares?.enterpriseBp),
    },
    rdTeamProfitShareBp: percentToBp(values.rdTeamProfitShareBp),
  };
}

export function CompanyForm({
  projectId,
  amend,
}: {
  projectId: string;
  amend?: Omit<Company, 'decisionId'>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const params = { path: { projectId } };
  const bpToPercent = (bp: number) => bp / 100;
  return (
    <DecisionForm<CompanyValues, Company & { reason?: string }>
      decision={amend ? 'amendCompany' : 'recordCompany'}
      fields={COMPANY_FIELDS}
      fieldAliases={{ registeredCapitalFen: 'registeredCapitalFen' }}
      initialValues={
        amend
          ? {
              ...amend,
              registrationDate: dayjs(amend.registrationDate),
              registeredCapitalYuan: amend.registeredCapitalFen / 100,
              ipShares: {
                universityBp: bpToPercent(amend.ipShares.universityBp),
                localGovernmentBp: bpToPercent(amend.ipShares.localGovernmentBp),
                enterpriseBp: bpToPercent(amend.ipShares.enterpriseBp),
              },
              rdTeamProfitShareBp: bpToPercent(amend.rdTeamProfitShareBp),
            }
          : { registrationDate: dayjs(todayInShanghai()), jobsCreated: 0, registeredCapitalYuan: 0 }
      }
      toBody={(values) => ({ ...companyBody(values), ...(amend ? { reason: values.reason } : {}) })}
      send={(body) =>
        amend
          ? api.POST('/projects/{projectId}/company/amendments', {
              params,
              body: { ...body, reason: body.reason ?? '' },
            })
          : api.POST('/projects/{projectId}/company', { params, body })
      }
      submitLabel={t(amend ? 'decisions.amendCompany.submit' : 'decisions.recordCompany.submit')}
      testId={amend ? 'form-amendCompany' : 'form-recordCompany'}
    >
      {(form) => (
        <>
          <Form.Item label={t('fields.companyName')} name="companyName" required>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={t('fields.uscc')} name="uscc" required extra={<UsccHint form={form} />}>
            <Input maxLength={18} style={{ fontFamily: 'monospace', maxWidth: 260 }} />
          </Form.Item>
          <Space wrap>
            <Form.Item label={t('fields.registrationDate')} name="registrationDate">
              <DatePicker />
            </Form.Item>
            <Form.Item label={t('fields.registeredCapitalYuan')} name="registeredCapitalYuan">
              <InputNumber min={0} precision={2} step={10000} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item label={t('fields.jobsCreated')} name="jobsCreated">
              <InputNumber min={0} precision={0} />
            </Form.Item>
          </Space>
          <FieldErrors name="registeredCapitalFen" />
          <fieldset style={{ border: '1px solid #d9d9d9', padding: 12, marginBottom: 16 }}>
            <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px', margin: 0, border: 0 }}>
              {t('company.ipShares')}
            </legend>
            <Space wrap>
              {(['universityBp', 'localGovernmentBp', 'enterpriseBp'] as const).map((share) => (
                <Form.Item key={share} label={t(`fields.${share}`)} name={['ipShares', share]}>
                  <InputNumber min={0} max={100} precision={2} addonAfter="%" />
                </Form.Item>
              ))}
            </Space>
            <Form.Item name="ipShares" label={t('company.sharesSum')} style={{ marginBottom: 0 }}>
              <SharesSum format={format.basisPoints} />
            </Form.Item>
          </fieldset>
          <Form.Item label={t('fields.rdTeamProfitShareBp')} name="rdTeamProfitShareBp">
            <InputNumber min={0} max={100} precision={2} addonAfter="%" />
          </Form.Item>
          {amend && <CommentField name="reason" required />}
        </>
      )}
    </DecisionForm>
  );
}

/** The shares' running sum, in the form so the API's sum refusal appears right under it. */
function SharesSum({
  value,
  format,
}: {
  value?: CompanyValues['ipShares'];
  format: (bp: number) => string;
}) {
  const sum =
    percentToBp(value?.universityBp) +
    percentToBp(value?.localGovernmentBp) +
    percentToBp(value?.enterpriseBp);
  return (
    <Typography.Text strong type={sum === 10000 ? 'success' : 'danger'} data-testid="shares-sum">
      {format(sum)}
    </Typography.Text>
  );
}

/** The USCC checked as it is typed, with the domain's own GB 32100-2015 function. */
function UsccHint({ form }: { form: FormInstance<CompanyValues> }) {
  const { t } = useTranslation();
  const value = Form.useWatch('uscc', form);
  const code = (value ?? '').trim().toUpperCase();
  if (code.length === 0) return <span>{t('company.usccHelp')}</span>;
  return isValidUscc(code) ? (
    <Typography.Text type="success">{t('company.usccValid')}</Typography.Text>
  ) : (
    <span>{t('company.usccTyping', { count: code.length })}</span>
  );
}
