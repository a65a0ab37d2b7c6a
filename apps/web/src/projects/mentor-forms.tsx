import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Form,
  InputNumber,
  List,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { DecisionForm } from '../forms/DecisionForm';
import { FieldErrors } from '../forms/FieldErrors';
import { useServerMessage } from '../forms/server-errors';
import { useFormat } from '../i18n/use-format';
import { projectKeys, useMentors } from './queries';
import { CommentField } from './simple-decisions';

/** The ranked, explained candidates: each score's parts, and who is excluded and why. */
export function MentorAssignmentForm({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const serverMessage = useServerMessage();
  const [chosen, setChosen] = useState<string>();
  const candidates = useQuery({
    queryKey: projectKeys.candidates(projectId),
    queryFn: async () =>
      (
        await api.GET('/projects/{projectId}/mentor-candidates', {
          params: { path: { projectId } },
        })
      ).data!,
  });
  if (candidates.error) {
    return <Alert type="error" role="alert" message={serverMessage(candidates.error)} />;
  }
  const view = candidates.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table
        size="small"
        loading={candidates.isPending}
        rowKey="mentorId"
        pagination={false}
        scroll={{ x: true }}
        dataSource={view?.candidates ?? []}
        rowSelection={{
          type: 'radio',
          selectedRowKeys: chosen ? [chosen] : [],
          onChange: (keys) => setChosen(String(keys[0])),
          getCheckboxProps: (row) => ({ 'aria-label': t('matching.choose', { name: row.name }) }),
        }}
        caption={t('matching.candidates', { at: format.dateTime(view?.computedAt) })}
        columns={[
          { title: t('matching.mentor'), dataIndex: 'name' },
          { title: t('matching.organisation'), dataIndex: 'organisation' },
          {
            title: t('matching.score'),
            render: (_, row) => (
              <Space direction="vertical" size={0}>
                <Progress percent={row.score} size="small" aria-label={t('matching.score')} />
                <Typography.Text type="secondary">
                  {t('matching.parts', {
                    tags: row.parts.tagOverlap,
                    tagsMax: view?.weights.tagOverlap,
                    capacity: row.parts.spareCapacity,
                    capacityMax: view?.weights.spareCapacity,
                  })}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('matching.sharedTags'),
            render: (_, row) => row.sharedTags.map((tag) => <Tag key={tag}>{tag}</Tag>),
          },
          { title: t('matching.freePlaces'), dataIndex: 'freePlaces' },
        ]}
      />
      {view && view.excluded.length > 0 && (
        <List
          size="small"
          header={<strong>{t('matching.excluded')}</strong>}
          dataSource={view.excluded}
          renderItem={(row) => (
            <List.Item>
              {row.name} ({row.organisation}): {t(`exclusions.${row.reason}`)} — {row.detail}
            </List.Item>
          )}
        />
      )}
      <DecisionForm<
        { comment?: string },
        { mentorId: string; comment?: string; decisionId: string }
      >
        decision="assignMentor"
        fields={['mentorId', 'comment']}
        toBody={(values) => ({ ...values, mentorId: chosen ?? '' })}
        send={(body) =>
          api.POST('/projects/{projectId}/mentor-assignment', {
            params: { path: { projectId } },
            body,
          })
        }
        submitLabel={t('decisions.assignMentor.submit')}
        testId="form-assignMentor"
      >
        <FieldErrors name="mentorId" />
        <CommentField />
      </DecisionForm>
    </Space>
  );
}

export function ReplaceMentorForm({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const mentors = useMentors();
  return (
    <DecisionForm<
      { mentorId: string; reason: string },
      { mentorId: string; reason: string; decisionId: string }
    >
      decision="replaceMentor"
      fields={['mentorId', 'reason']}
      toBody={(values) => values}
      send={(body) =>
        api.POST('/projects/{projectId}/mentor-replacement', {
          params: { path: { projectId } },
          body,
        })
      }
      submitLabel={t('decisions.replaceMentor.submit')}
      testId="form-replaceMentor"
    >
      <Form.Item label={t('fields.mentorId')} name="mentorId" required>
        <Select
          showSearch
          optionFilterProp="label"
          options={(mentors.data?.items ?? [])
            .filter((mentor) => mentor.active)
            .map((mentor) => ({
              value: mentor.mentorId,
              label: `${mentor.name} (${mentor.organisation})`,
            }))}
        />
      </Form.Item>
      <CommentField name="reason" required />
    </DecisionForm>
  );
}

/** Adds working days to a limited step's due time (or to now, when it is already overdue). */
export function ExtendDeadlineForm({
  projectId,
  actions,
}: {
  projectId: string;
  actions: string[];
}) {
  const { t } = useTranslation();
  return (
    <DecisionForm<
      { action: string; workingDays: number; reason: string },
      {
        action: never;
        byDuration: { workingDays: number };
        reason: string;
        decisionId: string;
      }
    >
      decision="extendDeadline"
      fields={['action', 'byDuration', 'reason']}
      fieldAliases={{ 'byDuration.workingDays': 'byDuration' }}
      initialValues={{ action: actions[0], workingDays: 3 }}
      toBody={(values) => ({
        action: values.action as never,
        byDuration: { workingDays: values.workingDays },
        reason: values.reason,
      })}
      send={(body) =>
        api.POST('/projects/{projectId}/deadline-extensions', {
          params: { path: { projectId } },
          body,
        })
      }
      submitLabel={t('decisions.extendDeadline.submit')}
      testId="form-extendDeadline"
    >
      <Space wrap>
        <Form.Item label={t('fields.action')} name="action">
          <Select
            style={{ width: 240 }}
            options={actions.map((action) => ({ value: action, label: t(`actions.${action}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('fields.workingDays')} name="workingDays">
          <InputNumber min={1} precision={0} />
        </Form.Item>
      </Space>
      <FieldErrors name="byDuration" />
      <CommentField name="reason" required />
    </DecisionForm>
  );
}
