import type { ReactElement } from 'react';
import { formatDay, Locale, Messages } from './i18n';
import type { PublicVerdict, Verdict } from './verification-api';

/** The shape of each verdict's icon (24×24), so the verdict never rests on colour alone. */
const ICON_PATHS: Record<Verdict, string> = {
  VALID: 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z',
  REVOKED:
    'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM4 12a8 8 0 0 1 12.9-6.3L5.7 16.9A8 8 0 0 1 4 12zm8 8a8 8 0 0 1-4.9-1.7L18.3 7.1A8 8 0 0 1 12 20z',
  EXPIRED: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm.5-13H11v6l5.2 3.2.8-1.3-4.5-2.7z',
  UNKNOWN:
    'M11 18h2v-2h-2v2zm1-16a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm0-14a4 4 0 0 0-4 4h2a2 2 0 1 1 4 0c0 2-3 1.8-3 5h2c0-2.3 3-2.5 3-5a4 4 0 0 0-4-4z',
  HASH_MISMATCH: 'M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12z',
};

interface Props {
  verdict: PublicVerdict;
  messages: Messages;
  locale: Locale;
}

/** The verdict, large, with its icon, what it means, and the issuing city and dates when the document matched. */
export function VerdictPanel({ verdict, messages, locale }: Props): ReactElement {
  const { label, explanation } = messages.verdicts[verdict.verdict];
  const city = verdict.issuingMsp && messages.city(verdict.issuingMsp, verdict.issuingCityName);
  const rows: [string, string | undefined][] = [
    [messages.fields.certificateNumber, verdict.certificateNumber],
    [messages.fields.issuingCity, city],
    [messages.fields.issuedOn, verdict.issuedOn && formatDay(verdict.issuedOn, locale)],
    [messages.fields.expiresOn, verdict.issuedOn && (verdict.expiresOn ? formatDay(verdict.expiresOn, locale) : messages.fields.noExpiry)],
    [messages.fields.revokedOn, verdict.revokedOn && formatDay(verdict.revokedOn, locale)],
  ];
  return (
    <div className={`verdict verdict-${verdict.verdict.toLowerCase()}`} data-verdict={verdict.verdict}>
      <p className="verdict-label">
        <svg className="verdict-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d={ICON_PATHS[verdict.verdict]} fill="currentColor" />
        </svg>
        <span>{label}</span>
      </p>
      <p>{explanation}</p>
      <dl className="verdict-facts">
        {rows
          .filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '')
          .map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </div>
  );
}
