import crypto from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

function totpFor(secretBase32: string, label = 'MinQing'): TOTP {
  return new TOTP({
    issuer: 'MinQing 民情',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export async function enrollmentFor(secretBase32: string, label: string) {
  const uri = totpFor(secretBase32, label).toString();
  // Loaded on first use: start-up does not need it (issue 16 §6).
  const { default: QRCode } = await import('qrcode');
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return {
    secret: secretBase32,
    otpauthUri: uri,
    qrSvgDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
  };
}

/**
 * Checks a code within one step of now and returns its time step, or null. The caller refuses a
 * step at or before the last one accepted for the account, so a code works once (docs/specs/trust.md §1).
 */
export function acceptedStep(
  secretBase32: string,
  code: string,
  lastStep: number | null,
  now = Date.now(),
): number | null {
  const delta = totpFor(secretBase32).validate({ token: code, window: 1, timestamp: now });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const raw = crypto.randomBytes(5).toString('hex');
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

export function hashRecoveryCode(code: string): string {
  return crypto.createHash('sha256').update(code.trim().toLowerCase()).digest('hex');
}
