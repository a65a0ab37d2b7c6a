import { memo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useHref, useNavigate } from 'react-router';
import { useFormat } from '../i18n/use-format';
import type { ProjectPage } from './board-requests';
import './board.css';

export type BoardProject = ProjectPage['items'][number];

/**
 * A column's projects as plain list markup. Drawn with antd's List, Space, Typography and Tag
 * and a router Link each, the board's 100 first-page items spent most of its first render in
 * those components' hooks (bench/README.md, C2); the look of antd's small list is kept.
 * Memoised: the column re-renders when the counts or the caller arrive, its items do not.
 */
export const BoardProjectList = memo(function BoardProjectList({
  items,
  now,
}: {
  items: BoardProject[];
  now: number;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const projectsHref = useHref('/projects');
  // One listener for the list instead of a router Link per item: a plain click on a project's
  // link navigates inside the app; a modified or middle click keeps the browser's own
  // behaviour (a new tab), since every link is a real href.
  const onClick = (event: MouseEvent<HTMLUListElement>) => {
    const link = (event.target as HTMLElement).closest('a');
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    if (event.altKey) return;
    event.preventDefault();
    void navigate(`/projects/${link.dataset.projectId}`);
  };
  return (
    <ul className="board-projects" onClick={onClick}>
      {items.map((project) => {
        const overdue = project.nextDueAt !== null && Date.parse(project.nextDueAt) < now;
        return (
          <li
            key={project.projectId}
            data-testid="board-project"
            className={
              project.needsAttention ? 'board-project board-project-flagged' : 'board-project'
            }
          >
            <a href={`${projectsHref}/${project.projectId}`} data-project-id={project.projectId}>
              {project.title}
            </a>
            <span className="board-secondary">{project.college}</span>
            <span className="board-tags">
              {project.status === 'ON_HOLD' && (
                <span className="board-tag">{t('status.ON_HOLD')}</span>
              )}
              {project.needsAttention && (
                <span className="board-tag board-tag-flagged">{t('board.flaggedTag')}</span>
              )}
              {overdue && (
                <span className="board-tag board-tag-overdue">{t('board.overdueTag')}</span>
              )}
              {project.nextDueAt && (
                <span className="board-secondary">
                  {t('board.due', { at: format.dateTime(project.nextDueAt) })}
                </span>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
});
