import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

/** Keys i18next asked for and did not find, and console errors, collected per page. */
export interface PageProblems {
  missingTranslations: string[];
  consoleErrors: string[];
}

/** One person's browser: a context of its own (its own cookie jar), signed in through the UI. */
export class ConsolePerson {
  readonly problems: PageProblems = { missingTranslations: [], consoleErrors: [] };

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  static async open(
    browser: Browser,
    baseUrl: string,
    viewport = { width: 1280, height: 900 },
  ): Promise<ConsolePerson> {
    const context = await browser.newContext({
      viewport,
      locale: 'zh-CN',
      timezoneId: 'Europe/Berlin',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const person = new ConsolePerson(context, page, baseUrl);
    person.watch(page);
    return person;
  }

  /** Every page of this person reports missing keys and errors into `problems`. */
  watch(page: Page): void {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (text.startsWith('missing translation:')) this.problems.missingTranslations.push(text);
      // A refused request is logged by the browser itself; the page shows it, that is the point.
      else if (!/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) {
        this.problems.consoleErrors.push(text);
      }
    });
    page.on('pageerror', (error) => this.problems.consoleErrors.push(String(error)));
  }

  async goto(path: string, page: Page = this.page): Promise<void> {
    await page.goto(`${this.baseUrl}/app${path}`);
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.goto('/sign-in');
    await this.page.getByLabel(/用户名|User name/).fill(username);
    await this.page.getByLabel(/^(密码|Password)$/).fill(password);
    await this.page.getByRole('button', { name: /^(登\s*录|Sign in)$/ }).click();
    await this.page.getByRole('button', { name: /^(退出登录|Sign out)$/ }).waitFor();
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/** A decision's form on the project page, found by its test id. */
export function decisionForm(page: Page, decision: string): Locator {
  return page.getByTestId(`form-${decision}`);
}

/** The error shown right under the form field labelled `label`. */
export function fieldError(form: Locator, label: RegExp | string): Locator {
  return form
    .locator('.ant-form-item')
    .filter({ has: form.page().getByLabel(label, { exact: typeof label === 'string' }) })
    .locator('.ant-form-item-explain-error');
}

/** The error shown in the form item that holds the element with `testId` (no input of its own). */
export function itemError(form: Locator, testId: string): Locator {
  return form
    .locator('.ant-form-item')
    .filter({ has: form.page().getByTestId(testId) })
    .locator('.ant-form-item-explain-error');
}

export async function expectStage(page: Page, stage: RegExp | string): Promise<void> {
  await page.getByTestId('project-stage').filter({ hasText: stage }).waitFor();
}
