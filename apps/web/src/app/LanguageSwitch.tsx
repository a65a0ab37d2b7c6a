import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { Language, preferenceFromLanguage, switchLanguage } from '../i18n';
import { meKey } from './session';

/** Switches the language at once and, when signed in, keeps it in the user's preferences. */
export function LanguageSwitch({ signedIn }: { signedIn: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const remember = useMutation({
    mutationFn: (language: Language) =>
      api.PATCH('/me/notification-preferences', {
        body: { language: preferenceFromLanguage(language) },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
  return (
    <Select<Language>
      aria-label={t('shell.language')}
      value={i18n.language === 'en' ? 'en' : 'zh-CN'}
      style={{ width: 110 }}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
      onChange={(language) => {
        void switchLanguage(language);
        if (signedIn) remember.mutate(language);
      }}
    />
  );
}
