import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { DocumentStorage } from './document-storage';
import { FolderDocumentStorage } from './folder-document-storage';
import { PlanDocumentCleanupService } from './plan-document-cleanup.service';
import { PlanDocumentUploadInterceptor } from './plan-document-upload.interceptor';
import { PlanDocumentsController } from './plan-documents.controller';
import { PlanDocumentsService } from './plan-documents.service';

@Module({
  imports: [ProjectsModule],
  controllers: [PlanDocumentsController],
  providers: [
    { provide: DocumentStorage, useClass: FolderDocumentStorage },
    PlanDocumentsService,
    PlanDocumentCleanupService,
    PlanDocumentUploadInterceptor,
  ],
  exports: [PlanDocumentsService, PlanDocumentCleanupService],
})
export class PlanDocumentsModule {}
