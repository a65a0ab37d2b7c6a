import { DECISION_SPECS, isDecisionType } from '@app/domain';
import type { NotificationKind, NotificationRequest } from '@app/workflows/activities.types';

export type NotificationLanguage = 'zh' | 'en';

export interface RenderedNotification {
  subject: string;
  body: string;
}

const SHANGHAI_MINUTE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `2025-02-05 10:00`, in Asia/Shanghai whatever the server's zone: the center's clock. */
export function formatShanghaiDeadline(iso: string): string {
  const parts = Object.fromEntries(
    SHANGHAI_MINUTE.formatToParts(new Date(iso)).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

export function actionLabel(action: string | undefined, language: NotificationLanguage): string {
  if (action === undefined) return language === 'zh' ? '待办事项' : 'the pending step';
  // What each pending step asks of the person is in its decision's spec (decisions/<type>.ts).
  return (isDecisionType(action) && DECISION_SPECS[action].asks?.[language]) || action;
}

type Template = (facts: {
  title: string;
  action: string;
  deadline: string | null;
  percent: number | null;
  detail: string | null;
}) => RenderedNotification;

const ZH: Record<NotificationKind, Template> = {
  mentor_replacement: ({ title }) => ({
    subject: `【孵化中心】导师更换：您已成为项目「${title}」的创业导师`,
    body: `您好！孵化中心已将项目「${title}」的创业导师更换为您。请登录系统查看项目并开展指导。`,
  }),
  assignment_accepted: ({ title }) => ({
    subject: `【孵化中心】导师已接受：项目「${title}」`,
    body: `项目「${title}」的创业导师已接受指派，项目进入商业计划书阶段。`,
  }),
  assignment_declined: ({ title, detail }) => ({
    subject: `【孵化中心】导师婉拒：项目「${title}」`,
    body:
      `项目「${title}」的创业导师婉拒了指派` +
      (detail ? `，理由：${detail}` : '') +
      `。请重新指派导师。`,
  }),
  assignment_request: ({ title, action, deadline }) => ({
    subject: `【孵化中心】导师指派：项目「${title}」`,
    body:
      `您好！孵化中心邀请您担任项目「${title}」的创业导师。\n` +
      `请登录系统${action}` +
      (deadline ? `，截止时间：${deadline}（北京时间）。` : '。'),
  }),
  reminder: ({ title, action, deadline, percent }) => ({
    subject: `【孵化中心】提醒：项目「${title}」待${action}`,
    body:
      `项目「${title}」等待您${action}` +
      (percent !== null ? `，时限已过 ${percent}%` : '') +
      (deadline ? `，截止时间：${deadline}（北京时间）。` : '。') +
      `\n请尽快处理。`,
  }),
  overdue: ({ title, action, deadline }) => ({
    subject: `【孵化中心】已逾期：项目「${title}」`,
    body:
      `项目「${title}」的“${action}”已逾期` +
      (deadline ? `（截止时间：${deadline}，北京时间）` : '') +
      `，项目已标记为需要关注。`,
  }),
  escalation: ({ title, action, deadline }) => ({
    subject: `【孵化中心】升级处理：项目「${title}」逾期未办`,
    body:
      `项目「${title}」的“${action}”未在时限内完成` +
      (deadline ? `（截止时间：${deadline}，北京时间）` : '') +
      `，已标记为需要关注，请协调处理。`,
  }),
  activity_failing: ({ title, action }) => ({
    subject: `【孵化中心】系统故障：项目「${title}」`,
    body:
      `项目「${title}」的系统步骤“${action}”多次失败，仍在自动重试，` +
      `项目已标记为需要关注。请运维人员查看审计日志中的错误信息。`,
  }),
  stalled: ({ title, deadline }) => ({
    subject: `【孵化中心】项目停滞：「${title}」`,
    body:
      `项目「${title}」在停滞时限内没有任何新的决定` +
      (deadline ? `（时限于 ${deadline} 届满，北京时间）` : '') +
      `，已标记为需要关注。`,
  }),
};

const EN: Record<NotificationKind, Template> = {
  mentor_replacement: ({ title }) => ({
    subject: `[Incubation Center] You are now the mentor of "${title}"`,
    body: `Hello, the incubation center has made you the mentor of the project "${title}", replacing its earlier mentor. Please sign in to see the project.`,
  }),
  assignment_accepted: ({ title }) => ({
    subject: `[Incubation Center] Mentor accepted: "${title}"`,
    body: `The proposed mentor accepted the project "${title}"; it moves on to the business plan.`,
  }),
  assignment_declined: ({ title, detail }) => ({
    subject: `[Incubation Center] Mentor declined: "${title}"`,
    body:
      `The proposed mentor declined the project "${title}"` +
      (detail ? `, saying: ${detail}` : '') +
      `. Please assign another mentor.`,
  }),
  assignment_request: ({ title, action, deadline }) => ({
    subject: `[Incubation Center] Mentor assignment: "${title}"`,
    body:
      `Hello, the incubation center invites you to mentor the project "${title}".\n` +
      `Please sign in to ${action}` +
      (deadline ? ` by ${deadline} (Beijing time, UTC+8).` : '.'),
  }),
  reminder: ({ title, action, deadline, percent }) => ({
    subject: `[Incubation Center] Reminder: "${title}" is waiting for you to ${action}`,
    body:
      `The project "${title}" is waiting for you to ${action}` +
      (percent !== null ? `; ${percent}% of the time limit has passed` : '') +
      (deadline ? `. Deadline: ${deadline} (Beijing time, UTC+8).` : '.'),
  }),
  overdue: ({ title, action, deadline }) => ({
    subject: `[Incubation Center] Overdue: "${title}"`,
    body:
      `The step "${action}" of the project "${title}" is overdue` +
      (deadline ? ` (deadline ${deadline}, Beijing time, UTC+8)` : '') +
      `; the project is flagged as needing attention.`,
  }),
  escalation: ({ title, action, deadline }) => ({
    subject: `[Incubation Center] Escalation: "${title}" is overdue`,
    body:
      `The step "${action}" of the project "${title}" was not done in time` +
      (deadline ? ` (deadline ${deadline}, Beijing time, UTC+8)` : '') +
      `. The project is flagged as needing attention; please follow up.`,
  }),
  activity_failing: ({ title, action }) => ({
    subject: `[Incubation Center] System failure: "${title}"`,
    body:
      `The system step "${action}" of the project "${title}" keeps failing and is being ` +
      `retried; the project is flagged as needing attention. Operators: the audit log has the error.`,
  }),
  stalled: ({ title, deadline }) => ({
    subject: `[Incubation Center] Stalled: "${title}"`,
    body:
      `No decision has been taken on the project "${title}" within the stall limit` +
      (deadline ? `, which ran out at ${deadline} (Beijing time, UTC+8)` : '') +
      `; it is flagged as needing attention.`,
  }),
};

/** The subject and text of a notification in the recipient's language. */
export function renderNotification(
  request: NotificationRequest,
  language: NotificationLanguage,
): RenderedNotification {
  const facts = {
    title: request.projectTitle,
    action: actionLabel(request.action, language),
    deadline: request.dueAt ? formatShanghaiDeadline(request.dueAt) : null,
    percent: request.fraction === undefined ? null : Math.round(request.fraction * 100),
    detail: request.detail ?? null,
  };
  return (language === 'zh' ? ZH : EN)[request.kind](facts);
}
