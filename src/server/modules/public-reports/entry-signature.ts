import { timingSafeEqual } from 'node:crypto';
import type { Channel } from '../../../shared/domain/case.ts';
import { type EntryChannel, entryParam, parseEntryParam } from '../../../shared/domain/public-entry.ts';
import type { PiiCipher } from '../../crypto/pii.ts';

/**
 * Entry links (issue 15 §5): a link in an official account's menu or on another channel's page
 * opens the public form with `?entry=<channel>.<signature>`, and the report is recorded under that
 * channel. The signature is an HMAC of the channel under the deployment's keyed hash (the PII
 * cipher's, with its own prefix so it can never equal a phone's or an ID's hash), so only an
 * administrator can make one; anything else in `entry` is ignored and the report stays a
 * resident's own (`self_report`).
 */
const SIGNATURE_BYTES = 16;

function signature(cipher: PiiCipher, channel: EntryChannel): Buffer {
  return Buffer.from(cipher.hash(`minqing/entry-link/v1|${channel}`)).subarray(0, SIGNATURE_BYTES);
}

/** The `entry` parameter of a link for `channel`. */
export function signEntry(cipher: PiiCipher, channel: EntryChannel): string {
  return entryParam(channel, signature(cipher, channel).toString('base64url'));
}

/** The channel a report arrived through: the signed entry's, else the resident's own report. */
export function channelOfEntry(cipher: PiiCipher, entry: string | undefined): Channel {
  const claimed = entry ? parseEntryParam(entry) : null;
  if (!claimed) return 'self_report';
  const given = Buffer.from(claimed.signature, 'base64url');
  const expected = signature(cipher, claimed.channel);
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? claimed.channel
    : 'self_report';
}
