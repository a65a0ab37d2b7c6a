import { theme } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';

/**
 * A bordered box looking like a small antd Card. The sign-in and board routes use it instead of
 * Card, whose tabbed header brings the whole Tabs component into their JavaScript.
 */
export function Panel({
  title,
  children,
  ...rest
}: { title?: ReactNode; children: ReactNode } & Omit<HTMLAttributes<HTMLElement>, 'title'>) {
  const { token } = theme.useToken();
  return (
    <section
      {...rest}
      style={{
        background: token.colorBgContainer,
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadiusLG,
        ...rest.style,
      }}
    >
      {title && (
        <div
          style={{
            padding: `${token.paddingXS}px ${token.paddingSM}px`,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {title}
        </div>
      )}
      <div style={{ padding: title ? token.paddingSM : token.paddingLG }}>{children}</div>
    </section>
  );
}
