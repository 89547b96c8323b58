import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { permissionsOf } from '../../../shared/auth/roles.ts';
import { AUDIT_ACTIONS } from '../../../shared/domain/audit.ts';
import { LOCALES } from '../../../shared/i18n/locales.ts';
import { resources } from '../../../shared/i18n/resources.ts';
import { auditFiltersFrom } from './audit-filters.ts';
import { actionText, actionWords, machineActorText, objectLink } from './audit-words.ts';

function lookup(locale: (typeof LOCALES)[number], key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node as Record<string, unknown> | undefined)?.[part],
      resources[locale].translation,
    );
}

describe('audit entries in words', () => {
  it('give every action the code can write words in every language', () => {
    expect(AUDIT_ACTIONS.length).toBeGreaterThan(100);
    for (const action of AUDIT_ACTIONS) {
      const words = actionWords(action);
      expect(words, action).toBeDefined();
      if (!words) continue;
      for (const locale of LOCALES) {
        expect(typeof lookup(locale, words.key), `${locale} ${action} ${words.key}`).toBe('string');
        if ('partKey' in words)
          expect(typeof lookup(locale, words.partKey), `${locale} ${action} ${words.partKey}`).toBe('string');
      }
    }
  });

  it('read an action in the language asked, and an unknown one as its code', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources, lng: 'zh-CN', interpolation: { escapeValue: false } });
    const zh = i18n.getFixedT('zh-CN') as TFunction;
    const en = i18n.getFixedT('en') as TFunction;
    expect(actionText('auth.totp_enrolled', zh)).toBe('绑定身份验证器');
    expect(actionText('auth.totp_enrolled', en)).toBe('Enrolled an authenticator');
    expect(actionText('case.accept', zh)).toBe('事项：受理');
    expect(actionText('export.households', en)).toBe('Export: Households and members');
    expect(actionText('legacy.thing', en)).toBe('legacy.thing');
  });

  it('name the jobs and tools that act without an account, and leave people to their names', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources, lng: 'zh-CN', interpolation: { escapeValue: false } });
    const zh = i18n.getFixedT('zh-CN') as TFunction;
    const en = i18n.getFixedT('en') as TFunction;
    expect(machineActorText('system:retention', zh)).toBe('系统（数据保存期限）');
    expect(machineActorText('system:retention', en)).toBe('System (Data retention)');
    expect(machineActorText('seed', en)).toBe('Demo data generator');
    expect(machineActorText('system', zh)).toBe('系统');
    expect(machineActorText('worker1', zh)).toBeUndefined();
  });

  it('link an object to its page for those who may open it, else to its rows in the log', () => {
    const id = '0192f1a0-0000-7000-8000-000000000001';
    expect(objectLink('case', id, [...permissionsOf(['dispatcher'])])).toEqual({
      href: `/cases/${id}`,
      own: true,
    });
    const forAuditor = objectLink('case', id, [...permissionsOf(['auditor'])]);
    expect(forAuditor.own).toBe(false);
    expect(auditFiltersFrom(forAuditor.href.slice(forAuditor.href.indexOf('?')))).toEqual({
      objectType: 'case',
      objectId: id,
    });
  });
});
