import { PhoneOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Image, Skeleton, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseAction } from '../../../shared/cases/workflow.ts';
import type { CaseDetail } from '../../../shared/domain/case.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink } from '../../app/router.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { enterprisePath } from '../enterprises/enterprises-path.ts';
import { householdPath } from '../households/households-path.ts';
import { visitPath } from '../visits/visits-path.ts';
import { formatTime } from './case-clock.ts';
import { caseContextApi } from './case-context-api.ts';

/** The calls that record what came of calling the reporter, in the order they are offered. */
const CALL_OUTCOMES = ['rate', 'first_contact'] as const satisfies readonly CaseAction[];

/**
 * Where the case came from and who to call: the visit it was raised on (with its photos), the
 * household or enterprise, the reporter's phone masked — revealed only by an audited request, and
 * only then a tel: link — the button that records the call's outcome, and a missing category.
 */
export function CaseContext({ detail, onAct }: { detail: CaseDetail; onAct: (action: CaseAction) => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const { id, version } = detail;
  // Reloaded with each version: a classification changes the advice, an action who may call.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is a trigger only.
  const load = useCallback((signal: AbortSignal) => caseContextApi(api).get(id, signal), [api, id, version]);
  const context = useAsync(load);
  const [phone, setPhone] = useState<string | null>(null);
  const [revealing, setRevealing] = useState(false);

  if (context.status === 'error') return <ApiErrorAlert error={context.error} onRetry={context.reload} />;
  if (!context.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  const c = context.data;
  const outcome = CALL_OUTCOMES.find((a) => detail.actions.includes(a));
  // Nobody to call: an anonymous report with no household or enterprise contact behind it.
  const anonymous = detail.reporter.type === 'anonymous' && !c.reporter.name && !c.reporter.phoneMasked;

  const reveal = async () => {
    setRevealing(true);
    try {
      const revealed = await caseContextApi(api).revealPhone(id, t('cases.context.revealReason'));
      setPhone(revealed.phone);
      message.info(t('cases.context.revealed'));
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
    } finally {
      setRevealing(false);
    }
  };

  const link = (href: string, text: string, readable: boolean, testId: string) =>
    readable ? (
      <a href={href} onClick={(event) => followLink(event, href)} data-testid={testId}>
        {text}
      </a>
    ) : (
      <Typography.Text data-testid={testId}>
        {text} <Typography.Text type="secondary">({t('cases.context.outOfReach')})</Typography.Text>
      </Typography.Text>
    );

  const items = [
    ...(c.visit
      ? [
          {
            key: 'visit',
            label: t('cases.context.visit'),
            children: link(
              visitPath(c.visit.id),
              t('cases.context.visitLine', {
                time: formatTime(c.visit.startedAt, i18n.language),
                by: c.visit.recordedBy ?? '',
              }),
              c.visit.readable,
              'case-context-visit',
            ),
          },
        ]
      : []),
    ...(c.household
      ? [
          {
            key: 'household',
            label: t('cases.context.household'),
            children: link(
              householdPath(c.household.id),
              `${c.household.code} · ${c.household.address}`,
              c.household.readable,
              'case-context-household',
            ),
          },
        ]
      : []),
    ...(c.enterprise
      ? [
          {
            key: 'enterprise',
            label: t('cases.context.enterprise'),
            children: link(
              enterprisePath(c.enterprise.id),
              c.enterprise.name,
              c.enterprise.readable,
              'case-context-enterprise',
            ),
          },
        ]
      : []),
    {
      key: 'contact',
      label: c.reporter.source
        ? t(`cases.context.sources.${c.reporter.source}`)
        : t(anonymous ? 'cases.detail.reporter' : 'cases.context.contact'),
      children: (
        <Flex vertical gap={4} data-testid="case-context-contact">
          <Typography.Text>
            {anonymous
              ? t('cases.context.anonymous')
              : [
                  // The reporter is shown here only (not in the overview): say what kind of reporter.
                  c.reporter.source === 'case' ? t(`cases.reporterTypes.${detail.reporter.type}`) : null,
                  c.reporter.name,
                  phone ?? c.reporter.phoneMasked ?? t('cases.context.noPhone'),
                ]
                  .filter(Boolean)
                  .join(' · ')}
          </Typography.Text>
          <Flex gap={8} wrap>
            {c.reporter.mayReveal && phone === null && (
              <Button size="small" loading={revealing} onClick={reveal} data-testid="case-context-reveal">
                {t('cases.context.reveal')}
              </Button>
            )}
            {phone !== null && (
              <Button
                size="small"
                icon={<PhoneOutlined />}
                href={`tel:${phone}`}
                data-testid="case-context-call"
              >
                {t('cases.context.call')}
              </Button>
            )}
            {outcome && (
              <Button
                size="small"
                type="primary"
                onClick={() => onAct(outcome)}
                data-testid="case-context-outcome"
              >
                {t(`cases.context.outcome.${outcome}`)}
              </Button>
            )}
          </Flex>
        </Flex>
      ),
    },
  ];

  return (
    <Card size="small" title={t('cases.context.title')} data-testid="case-context">
      <Flex vertical gap={12}>
        <Descriptions size="small" column={1} items={items} />
        {c.visit?.photosVisible && (
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">{t('cases.context.photos')}</Typography.Text>
            {c.visit.photos.length === 0 ? (
              <Typography.Text type="secondary">{t('cases.context.noPhotos')}</Typography.Text>
            ) : (
              <Image.PreviewGroup>
                <Flex gap={8} wrap data-testid="case-context-photos">
                  {c.visit.photos.map((p) => (
                    <Image
                      key={p.id}
                      width={72}
                      height={72}
                      style={{ objectFit: 'cover' }}
                      alt={p.fileName}
                      src={caseContextApi(api).photoUrl(detail.id, p.id)}
                    />
                  ))}
                </Flex>
              </Image.PreviewGroup>
            )}
          </Flex>
        )}
        {detail.categoryId === null && (
          <Alert
            type="warning"
            showIcon
            data-testid="case-classify-missing"
            title={t('cases.context.classify.missing')}
            description={t('cases.context.classify.missingHint')}
            action={
              detail.actions.includes('classify') && (
                <Button size="small" onClick={() => onAct('classify')} data-testid="case-context-classify">
                  {t('cases.actions.classify')}
                </Button>
              )
            }
          />
        )}
      </Flex>
    </Card>
  );
}
