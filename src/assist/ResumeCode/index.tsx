import { useT } from '../../core/i18n';
import { momentText, spacedCode } from '../format';

/** A resume code shown large and spaced for reading aloud ("7F3 Q9C"), with its expiry. */
export function ResumeCode({ code, expiresAt }: { code: string; expiresAt: string }) {
  const { t, lang } = useT();
  return (
    <div class="resume-code">
      <p class="resume-code__label">{t('assist:code.yourCode')}</p>
      <p class="resume-code__code" lang="en" translate={false}>
        {spacedCode(code)}
      </p>
      <p>{t('assist:code.expires', { time: momentText(expiresAt, lang) })}</p>
      <p>{t('assist:code.keep')}</p>
    </div>
  );
}
