import { Module } from '@nestjs/common';
import { PracticeFundController } from './practice-fund.controller';
import { PracticeFundService } from './practice-fund.service';

@Module({
  controllers: [PracticeFundController],
  providers: [PracticeFundService],
  exports: [PracticeFundService],
})
export class PracticeFundModule {}
