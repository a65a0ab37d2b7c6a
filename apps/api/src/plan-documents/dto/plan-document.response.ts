/** An uploaded document, as the plan version will refer to it. */
export interface UploadedPlanDocumentView {
  documentId: string;
  /** Computed by the server while storing the file. */
  sha256: string;
  fileName: string;
  /** The type the content was recognised as. */
  mediaType: string;
  sizeBytes: number;
  uploadedAt: string;
  /** Deleted after this unless a plan version refers to it. */
  expiresAt: string;
}
