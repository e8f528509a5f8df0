/** Every string of the page, Chinese first; English on request (the toggle, or ?lang=en). */
import type { Verdict } from './verification-api';

export type Locale = 'zh-CN' | 'en';

export interface Messages {
  title: string;
  service: string;
  intro: string;
  otherLanguage: string;
  certificateLabel: string;
  certificateHint: string;
  fileLabel: string;
  fileHint: string;
  hashing: string;
  hashedFile: (name: string) => string;
  noWebCrypto: string;
  sha256Label: string;
  sha256Hint: string;
  submit: string;
  checking: string;
  resultHeading: string;
  verdicts: Record<Verdict, { label: string; explanation: string }>;
  fields: { certificateNumber: string; issuingCity: string; issuedOn: string; expiresOn: string; noExpiry: string; revokedOn: string };
  /** A city as shown: its display name with its MSP ID, or the MSP ID alone. */
  city: (mspId: string, name?: string) => string;
  errors: {
    certificateRequired: string;
    certificateInvalid: string;
    sha256Required: string;
    sha256Invalid: string;
    rateLimited: (seconds: number) => string;
    unavailable: string;
  };
  privacy: string;
}

const zh: Messages = {
  title: '证照核验',
  service: '跨省通办',
  intro: '输入证照编号，并选择证照文件或粘贴其 SHA-256 摘要，核对该证照是否由发证城市登记且仍然有效。',
  otherLanguage: 'English',
  certificateLabel: '证照编号',
  certificateHint: '见证照上的编号，例如 JY44060420260001；扫描证照上的二维码会自动填写。',
  fileLabel: '证照文件（可选）',
  fileHint: '文件只在本机计算摘要，不会上传。',
  hashing: '正在计算文件摘要…',
  hashedFile: (name) => `已计算文件“${name}”的摘要。`,
  noWebCrypto: '此浏览器在当前连接下无法计算文件摘要，请改用 HTTPS 访问，或直接粘贴 SHA-256 摘要。',
  sha256Label: '文件摘要（SHA-256）',
  sha256Hint: '选择文件后自动填写；也可粘贴 64 位十六进制摘要。',
  submit: '核验',
  checking: '正在核验…',
  resultHeading: '核验结果',
  verdicts: {
    VALID: { label: '有效', explanation: '该文件与登记的证照一致，证照有效。' },
    REVOKED: { label: '已撤销', explanation: '该文件与登记的证照一致，但发证城市已撤销此证照。' },
    EXPIRED: { label: '已过期', explanation: '该文件与登记的证照一致，但证照已超过有效期。' },
    UNKNOWN: { label: '未找到', explanation: '没有以此编号登记的证照，请核对编号。' },
    HASH_MISMATCH: { label: '文件不符', explanation: '此编号的证照存在，但该文件与登记的文件不一致，可能已被修改。' },
  },
  fields: {
    certificateNumber: '证照编号',
    issuingCity: '发证城市',
    issuedOn: '发证日期',
    expiresOn: '有效期至',
    noExpiry: '长期有效',
    revokedOn: '撤销日期',
  },
  city: (mspId, name) => (name ? `${name}（${mspId}）` : mspId),
  errors: {
    certificateRequired: '请输入证照编号。',
    certificateInvalid: '证照编号只能包含字母、数字、“.”、“_”或“-”，且以字母或数字开头，最多 64 个字符。',
    sha256Required: '请选择证照文件，或粘贴其 SHA-256 摘要。',
    sha256Invalid: 'SHA-256 摘要应为 64 位小写十六进制字符（0-9、a-f）。',
    rateLimited: (seconds) => `查询过于频繁，请在 ${seconds} 秒后重试。`,
    unavailable: '暂时无法核验，请稍后重试。',
  },
  privacy: '本页面不收集个人信息；核验结果不包含持证人信息。',
};

const en: Messages = {
  title: 'Verify a licence',
  service: 'Cross-province services',
  intro:
    "Enter the certificate number and pick the licence's file or paste its SHA-256 to check that the issuing city recorded it and that it is still valid.",
  otherLanguage: '中文',
  certificateLabel: 'Certificate number',
  certificateHint: "As printed on the licence, e.g. JY44060420260001; scanning the licence's QR code fills it in.",
  fileLabel: "The licence's file (optional)",
  fileHint: 'The file is hashed on this device and never uploaded.',
  hashing: 'Hashing the file…',
  hashedFile: (name) => `Hashed the file "${name}".`,
  noWebCrypto: 'This browser cannot hash files over this connection: open the page over HTTPS, or paste the SHA-256.',
  sha256Label: "The file's SHA-256",
  sha256Hint: 'Filled in when you pick the file; or paste the 64 hex digits.',
  submit: 'Verify',
  checking: 'Verifying…',
  resultHeading: 'Result',
  verdicts: {
    VALID: { label: 'Valid', explanation: 'This file is the licence recorded under this number, and the licence is valid.' },
    REVOKED: { label: 'Revoked', explanation: 'This file is the licence recorded under this number, but the issuing city revoked it.' },
    EXPIRED: { label: 'Expired', explanation: 'This file is the licence recorded under this number, but it is past its expiry date.' },
    UNKNOWN: { label: 'Not found', explanation: 'No licence is recorded under this number. Check the number.' },
    HASH_MISMATCH: {
      label: 'Hash mismatch',
      explanation: 'A licence has this number, but this file is not the one recorded: it may have been altered.',
    },
  },
  fields: {
    certificateNumber: 'Certificate number',
    issuingCity: 'Issuing city',
    issuedOn: 'Issued on',
    expiresOn: 'Valid until',
    noExpiry: 'No expiry',
    revokedOn: 'Revoked on',
  },
  city: (mspId, name) => (name ? `${name} (${mspId})` : mspId),
  errors: {
    certificateRequired: 'Enter the certificate number.',
    certificateInvalid: "A certificate number has letters, digits, '.', '_' or '-', starts with a letter or digit, and has at most 64 characters.",
    sha256Required: "Pick the licence's file, or paste its SHA-256.",
    sha256Invalid: 'A SHA-256 is 64 lower-case hex digits (0-9, a-f).',
    rateLimited: (seconds) => `Too many checks: try again in ${seconds} seconds.`,
    unavailable: 'The check is not available now. Try again later.',
  },
  privacy: 'This page collects no personal data; results never show who holds the licence.',
};

export const MESSAGES: Record<Locale, Messages> = { 'zh-CN': zh, en };

/** The locale a link asks for (?lang=en), Chinese otherwise. */
export function initialLocale(search: string): Locale {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'zh-CN';
}

/** A calendar day (YYYY-MM-DD) as the locale writes it: 2031年12月31日, 31 December 2031. */
export function formatDay(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}
