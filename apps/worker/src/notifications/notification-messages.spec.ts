import type { NotificationRequest } from '@app/workflows/activities.types';
import { retryDelayMs } from './notification-dispatcher.service';
import { actionLabel, formatShanghaiDeadline, renderNotification } from './notification-messages';

const request: NotificationRequest = {
  notificationKey: 'k',
  projectId: '00000000-0000-4000-8000-000000000000',
  projectTitle: '智能农业传感器',
  kind: 'reminder',
  recipients: [],
  action: 'approvePlan',
  dueAt: '2025-02-05T16:30:00.000Z',
  fraction: 0.8,
};

describe('notification messages', () => {
  it('shows deadlines on the Asia/Shanghai clock, whatever the server’s zone', () => {
    expect(formatShanghaiDeadline('2025-02-05T16:30:00.000Z')).toBe('2025-02-06 00:30');
    expect(formatShanghaiDeadline('2024-12-31T15:59:00.000Z')).toBe('2024-12-31 23:59');
  });

  it.each([
    ['zh', '提醒', '审阅商业计划书', '时限已过 80%'],
    ['en', 'Reminder', 'review the business plan', '80% of the time limit has passed'],
  ] as const)('renders a reminder in %s', (language, subjectWord, action, progress) => {
    const { subject, body } = renderNotification(request, language);
    expect(subject).toContain(subjectWord);
    expect(subject).toContain('智能农业传感器');
    expect(body).toContain(action);
    expect(body).toContain(progress);
    expect(body).toContain('2025-02-06 00:30');
  });

  it.each(['assignment_request', 'reminder', 'overdue', 'escalation', 'stalled'] as const)(
    'renders %s in both languages with the project and the deadline',
    (kind) => {
      for (const language of ['zh', 'en'] as const) {
        const { subject, body } = renderNotification({ ...request, kind }, language);
        expect(subject).toContain('智能农业传感器');
        expect(body).toContain('2025-02-06 00:30');
      }
    },
  );

  it('backs off exponentially up to the cap', () => {
    expect([1, 2, 3, 4, 5, 10].map((n) => retryDelayMs(n, 30_000, 3_600_000))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 3_600_000,
    ]);
  });
});

describe('the activity-failing notification', () => {
  it('names the project and the failing step in both languages', () => {
    for (const language of ['zh', 'en'] as const) {
      const { subject, body } = renderNotification(
        {
          notificationKey: 'project-p-1/activity-failing/7',
          projectId: 'p-1',
          projectTitle: '智能农业传感器',
          kind: 'activity_failing',
          recipients: [{ role: 'staff' }],
          action: 'recordTransition',
        },
        language,
      );
      expect(subject).toContain('智能农业传感器');
      expect(body).toContain('recordTransition');
    }
  });
});

describe('the label of a pending step', () => {
  it('is read from its decision, so the investment sign-off is worded (not its type name)', () => {
    expect(actionLabel('signOffInvestment', 'en')).toBe('sign off the investor-contact stage');
    expect(actionLabel('signOffInvestment', 'zh')).toBe('签核投资对接阶段');
    expect(actionLabel('recordTransition', 'en')).toBe('recordTransition');
  });
});
