/**
 * The field rules of the domain, written once: the chaincode and the gateway
 * check with them, and the gateway's API description is generated from them.
 */
import { asString, IntegerRule, ListRule, StringRule } from './readers';

/** Identifiers (case ids, codes, certificate numbers, MSP IDs). */
export const ID_RULE: StringRule = {
  max: 64,
  pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
  patternHint: "letters, digits, '.', '_' or '-', starting with a letter or digit",
};

/** Reads an identifier at `path`. */
export const readId = (value: unknown, path: string): string => asString(value, path, ID_RULE);

export const SHA256_RULE = { max: 64, pattern: /^[0-9a-f]{64}$/, patternHint: '64 lower-case hex digits (SHA-256)' } satisfies StringRule;

export const MEDIA_TYPE_RULE: StringRule = { max: 100, pattern: /^[a-z]+\/[a-z0-9.+-]+$/, patternHint: 'a media type such as application/pdf' };

/** Why a case was refused, rejected, sent back or withdrawn; why a result was revoked or an agreement ended. */
export const REASON_RULE: StringRule = { max: 500 };

/** Names of materials, required or handed in. */
export const MATERIAL_NAME_RULE: StringRule = { max: 128 };

/** Where the receiving city keeps a material file (a URI of its store). */
export const MATERIAL_LOCATION_RULE: StringRule = { max: 500 };

/** A material file's size in bytes: up to 1 GiB. */
export const MATERIAL_SIZE_RULE: IntegerRule = { min: 1, max: 1024 ** 3 };

/** Files of a case's manifest. */
export const MANIFEST_RULE: ListRule = { min: 1, max: 100 };

/** A service item's name and an agreement's title. */
export const NAME_RULE: StringRule = { max: 200 };
export const TITLE_RULE: StringRule = { max: 200 };

/** Materials a service item requires. */
export const REQUIRED_MATERIALS_RULE: ListRule = { min: 0, max: 50 };

/** 承诺时限: calendar days from acceptance to decision. */
export const PROMISED_DAYS_RULE: IntegerRule = { min: 1, max: 365 };

/** Parties of an agreement, and the service items it covers. */
export const PARTIES_RULE: ListRule = { min: 2, max: 20 };
export const AGREED_ITEMS_RULE: ListRule = { min: 1, max: 200 };

/** Why a partner city recognises a result. */
export const PURPOSE_RULE: StringRule = { max: 300 };

/** Records per page of a list. */
export const PAGE_SIZE_RULE: IntegerRule = { min: 1, max: 100 };
export const DEFAULT_PAGE_SIZE = 20;

/** The opaque bookmark of a page ('' for the first). */
export const BOOKMARK_RULE: StringRule = { min: 0, max: 1024 };
