import { Injectable } from '@nestjs/common';
import { chromium } from 'playwright-core';
import { AppConfig } from '@app/config';

/** The flags the house runs Debian's Chromium with: no sandbox (root), nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Prints an HTML page as an A4 PDF with headless Chromium, which lays out Chinese with the
 * system's Noto CJK fonts. One browser per report: reports are rare, and nothing lingers.
 */
@Injectable()
export class ReportPdfPrinter {
  constructor(private readonly config: AppConfig) {}

  async print(html: string): Promise<Buffer> {
    const browser = await chromium.launch({
      executablePath: this.config.REPORT_CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    });
    try {
      const page = await browser.newPage();
      // The page is self-contained; it must not fetch anything.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', printBackground: true });
    } finally {
      await browser.close();
    }
  }
}
