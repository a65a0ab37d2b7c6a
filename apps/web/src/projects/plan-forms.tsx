import { useMutation } from '@tanstack/react-query';
import { PLAN_SUMMARY_KEYS } from '@app/domain';
import { Alert, Button, Descriptions, Form, Input, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { DecisionForm } from '../forms/DecisionForm';
import { FieldErrors } from '../forms/FieldErrors';
import { useServerMessage } from '../forms/server-errors';
import { CommentField } from './simple-decisions';

type Summaries = components['schemas']['PlanSummariesDto'];

/** Uploads the document first (the server computes its sha256), then submits the version. */
export function PlanVersionForm({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const serverMessage = useServerMessage();
  const upload = useMutation({
    mutationFn: async (file: File) =>
      (
        await api.POST('/projects/{projectId}/plan-documents', {
          params: { path: { projectId } },
          body: { file: file as unknown as string },
          bodySerializer: () => {
            const form = new FormData();
            form.append('file', file);
            return form;
          },
        })
      ).data!,
  });
  const [fileName, setFileName] = useState<string>();
  const document = upload.data;
  return (
    <div>
      <Upload.Dragger
        accept=".pdf,.docx,.pptx"
        maxCount={1}
        showUploadList={false}
        customRequest={({ file }) => {
          setFileName((file as File).name);
          upload.mutate(file as File);
        }}
        aria-label={t('plan.upload')}
      >
        <p>{t('plan.upload')}</p>
        <p>{fileName ?? t('plan.uploadHint')}</p>
      </Upload.Dragger>
      {upload.error && <Alert type="error" role="alert" message={serverMessage(upload.error)} />}
      {document && (
        <Descriptions size="small" column={1} style={{ margin: '12px 0' }} bordered>
          <Descriptions.Item label={t('plan.fileName')}>{document.fileName}</Descriptions.Item>
          <Descriptions.Item label="SHA-256">
            <code data-testid="uploaded-sha256" style={{ wordBreak: 'break-all' }}>
              {document.sha256}
            </code>
          </Descriptions.Item>
        </Descriptions>
      )}
      <DecisionForm<
        { summaries: Summaries; comment?: string },
        components['schemas']['SubmitPlanVersionDto']
      >
        decision="submitPlanVersion"
        fields={[...PLAN_SUMMARY_KEYS.map((key) => `summaries.${key}`), 'comment', 'documentId']}
        // Before an upload there is no documentId: the server's "documentId is required" is then
        // shown next to the field, like every other refusal.
        toBody={(values) => ({ ...values, documentId: document?.documentId as string })}
        toDecision={(values) => ({
          ...values,
          document: document && {
            documentId: document.documentId,
            sha256: document.sha256,
            fileName: document.fileName,
            mediaType: document.mediaType,
            sizeBytes: document.sizeBytes,
          },
        })}
        send={(body) =>
          api.POST('/projects/{projectId}/plan-versions', { params: { path: { projectId } }, body })
        }
        submitLabel={t('decisions.submitPlanVersion.submit')}
        testId="form-submitPlanVersion"
      >
        {PLAN_SUMMARY_KEYS.map((key) => (
          <Form.Item key={key} label={t(`planSummaries.${key}`)} name={['summaries', key]} required>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
        ))}
        <FieldErrors name="documentId" />
        <CommentField />
      </DecisionForm>
    </div>
  );
}

/** The document of a plan version, fetched with the session cookie and saved by the browser. */
export function PlanDocumentLink({
  projectId,
  documentId,
  fileName,
}: {
  projectId: string;
  documentId: string;
  fileName: string;
}) {
  const { t } = useTranslation();
  return (
    <Button
      href={`/projects/${projectId}/plan-documents/${documentId}`}
      download={fileName}
      aria-label={t('plan.download', { fileName })}
    >
      {t('plan.downloadShort')}
    </Button>
  );
}
