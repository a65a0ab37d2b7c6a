import { d } from './fixtures';
import { pdfFile } from './plan-document-files';

/** Whoever can upload one file to the API: a supertest caller or a client over real HTTP. */
export interface PlanUploader {
  upload(
    path: string,
    content: Buffer,
    fileName: string,
    contentType: string,
  ): Promise<{ status: number; body: unknown }>;
}

/**
 * A plan version whose document is really uploaded first: `HttpAs.decide` uploads a PDF to the
 * project (as the staff member deciding) and sends the upload's documentId, the only way a plan
 * version names its document. Tests list it where a body goes, before the project id is known.
 */
export class UploadedPlan {
  constructor(
    readonly round: number,
    readonly fields: Record<string, unknown> = {},
  ) {}

  async bodyFor(who: PlanUploader, projectId: string): Promise<Record<string, unknown>> {
    const uploaded = await who.upload(
      `/projects/${projectId}/plan-documents`,
      pdfFile(2_000 + this.round),
      `business-plan-v${this.round}.pdf`,
      'application/pdf',
    );
    if (uploaded.status !== 201) {
      throw new Error(
        `uploading plan v${this.round} to ${projectId} answered ${uploaded.status}: ${JSON.stringify(uploaded.body)}`,
      );
    }
    const { documentId } = uploaded.body as { documentId: string };
    return { documentId, summaries: d.plan(this.round).summaries, ...this.fields };
  }
}

/** Plan version `round`, its document uploaded when it is sent; `fields` replace or add fields. */
export function uploadedPlan(round = 1, fields: Record<string, unknown> = {}): UploadedPlan {
  return new UploadedPlan(round, fields);
}
