import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  InputNumber,
  Skeleton,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ALL_FLAT_SCORE_ITEMS,
  type ScoreRules,
  type ScoreRuleVersion,
} from '../../../shared/domain/score-rules.ts';
import type { LeagueSubjects } from '../../../shared/figures/league.ts';
import { cstDay, firstDayOfNext } from '../../../shared/time/china-time.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink, useSearch } from '../../app/router.ts';
import { DateField } from '../../components/DateField.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { pointsText, searchOf, weightSum } from './score-format.ts';
import { scoresApi } from './scores-api.ts';

const DIFFICULTIES = ['ordinary', 'important', 'urgent', 'hardProblem'] as const;
const WEIGHTS = ['response', 'solution', 'satisfaction'] as const;

interface RuleLine {
  key: string;
  item: string;
  points: string;
  appliesTo: readonly LeagueSubjects[];
}

/** The rules in words: each item's definition, its points and whom it applies to. */
function RulesInWords({ rules }: { rules: ScoreRules }) {
  const { t } = useTranslation();
  const sep = t('scores.rules.separator');
  const lines: RuleLine[] = [
    {
      key: 'solved',
      item: t('scores.items.solved'),
      points: DIFFICULTIES.map(
        (d) => `${t(`scores.rules.difficulty.${d}`)} ${pointsText(rules.solved[d] * 100, true)}`,
      ).join(sep),
      appliesTo: rules.solved.appliesTo,
    },
    ...ALL_FLAT_SCORE_ITEMS.map((item) => ({
      key: item,
      item: t(`scores.items.${item}`),
      points: pointsText(rules.items[item].points * 100, true),
      appliesTo: rules.items[item].appliesTo,
    })),
    {
      key: 'coverage_short',
      item: t('scores.items.coverage_short'),
      points: t('scores.rules.coverageLine', {
        points: pointsText(rules.coverage.perPointShort * 100, true),
        target:
          rules.coverage.targetPercent === null
            ? t('scores.rules.coverageTargetOwn')
            : `${rules.coverage.targetPercent}%`,
      }),
      appliesTo: ['places'],
    },
    {
      key: 'composite',
      item: t('scores.items.composite'),
      points: t('scores.rules.compositeLine', {
        weights: WEIGHTS.map((w) => `${t(`scores.rules.weights.${w}`)} ${rules.composite[w]}`).join(sep),
        scale: rules.composite.scale,
      }),
      appliesTo: rules.composite.appliesTo,
    },
  ];
  const columns: TableColumnsType<RuleLine> = [
    { key: 'item', title: t('scores.rules.item'), dataIndex: 'item', width: 300 },
    { key: 'points', title: t('scores.rules.points'), dataIndex: 'points', width: 260 },
    {
      key: 'appliesTo',
      title: t('scores.rules.appliesTo'),
      render: (_v, l) => l.appliesTo.map((s) => <Tag key={s}>{t(`scores.subjects.${s}`)}</Tag>),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Table<RuleLine>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={lines}
        pagination={false}
        scroll={{ x: 760 }}
      />
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'groups',
            label: t('scores.rules.peerGroups'),
            children: rules.peerGroups.map((g) => (
              <Tag key={g.key}>
                {g.name} · {t(`scores.subjects.${g.subjects}`)}
              </Tag>
            )),
          },
          { key: 'red', label: t('scores.rules.redTop'), children: rules.lists.red.top },
          { key: 'black', label: t('scores.rules.blackBottom'), children: rules.lists.black.bottom },
        ]}
      />
    </Flex>
  );
}

/** A number input for one value of the draft; ids name the fields for tests and labels. */
function NumberField({
  id,
  label,
  value,
  onChange,
  min = -100,
  max = 100,
  step = 1,
}: {
  id: string;
  label: string;
  value: number;
  onChange: (value: number) => void;
  min?: number;
  max?: number;
  step?: number;
}) {
  return (
    <Flex vertical gap={2} style={{ width: 200 }}>
      <label htmlFor={id}>{label}</label>
      <InputNumber
        id={id}
        value={value}
        min={min}
        max={max}
        step={step}
        precision={2}
        onChange={(v) => onChange(v ?? 0)}
        style={{ width: '100%' }}
      />
    </Flex>
  );
}

/**
 * The new-version form: points per item, difficulty weights, coverage, composite weights with a
 * live sum, list sizes; the peer groups are carried over unchanged (shown read-only above).
 */
function NewVersionForm({
  regionId,
  base,
  onSaved,
  onCancel,
}: {
  regionId: string;
  base: ScoreRules;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const api = useApi();
  const scores = useMemo(() => scoresApi(api), [api]);
  const earliest = firstDayOfNext('month', cstDay(new Date()));
  const [rules, setRules] = useState<ScoreRules>(base);
  const [effectiveFrom, setEffectiveFrom] = useState(earliest);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const sum = weightSum(WEIGHTS.map((w) => rules.composite[w]));

  const save = async () => {
    setSaving(true);
    try {
      await scores.createVersion({
        regionId,
        effectiveFrom,
        rules,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      message.success(t('scores.rules.saved'));
      onSaved();
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap={16} data-testid="score-rules-form">
      <Flex gap={12} wrap>
        <Flex vertical gap={2}>
          <span>{t('scores.rules.effectiveFrom')}</span>
          <DateField
            value={effectiveFrom}
            onChange={setEffectiveFrom}
            min={earliest}
            data-testid="score-rules-from"
          />
          <Typography.Text type="secondary">{t('scores.rules.effectiveFromHint')}</Typography.Text>
        </Flex>
        <Flex vertical gap={2} style={{ flex: 1, minWidth: 240 }}>
          <label htmlFor="score-rules-note">{t('scores.rules.note')}</label>
          <Input
            id="score-rules-note"
            value={note}
            maxLength={200}
            onChange={(e) => setNote(e.target.value)}
          />
        </Flex>
      </Flex>
      <Typography.Text strong>{t('scores.items.solved')}</Typography.Text>
      <Flex gap={12} wrap>
        {DIFFICULTIES.map((d) => (
          <NumberField
            key={d}
            id={`score-rule-solved-${d}`}
            label={t(`scores.rules.difficulty.${d}`)}
            value={rules.solved[d]}
            onChange={(v) => setRules((r) => ({ ...r, solved: { ...r.solved, [d]: v } }))}
          />
        ))}
      </Flex>
      <Flex gap={12} wrap>
        {ALL_FLAT_SCORE_ITEMS.map((item) => (
          <NumberField
            key={item}
            id={`score-rule-${item}`}
            label={t(`scores.items.${item}`)}
            value={rules.items[item].points}
            onChange={(v) =>
              setRules((r) => ({ ...r, items: { ...r.items, [item]: { ...r.items[item], points: v } } }))
            }
          />
        ))}
        <NumberField
          id="score-rule-coverage_short"
          label={t('scores.items.coverage_short')}
          value={rules.coverage.perPointShort}
          max={0}
          onChange={(v) => setRules((r) => ({ ...r, coverage: { ...r.coverage, perPointShort: v } }))}
        />
      </Flex>
      <Typography.Text strong>{t('scores.items.composite_short')}</Typography.Text>
      <Flex gap={12} wrap align="end">
        {WEIGHTS.map((w) => (
          <NumberField
            key={w}
            id={`score-rule-weight-${w}`}
            label={t(`scores.rules.weights.${w}`)}
            value={rules.composite[w]}
            min={0}
            max={1}
            step={0.05}
            onChange={(v) => setRules((r) => ({ ...r, composite: { ...r.composite, [w]: v } }))}
          />
        ))}
        <NumberField
          id="score-rule-weight-scale"
          label={t('scores.rules.weights.scale')}
          value={rules.composite.scale}
          min={0}
          max={1000}
          onChange={(v) => setRules((r) => ({ ...r, composite: { ...r.composite, scale: v } }))}
        />
      </Flex>
      <Typography.Text type={sum.ok ? 'secondary' : 'danger'} data-testid="score-rules-weight-sum">
        {t(sum.ok ? 'scores.rules.weightSum' : 'scores.rules.weightSumWrong', { sum: sum.sum })}
      </Typography.Text>
      <Flex gap={12} wrap>
        <NumberField
          id="score-rule-red-top"
          label={t('scores.rules.redTop')}
          value={rules.lists.red.top}
          min={0}
          max={50}
          onChange={(v) =>
            setRules((r) => ({ ...r, lists: { ...r.lists, red: { ...r.lists.red, top: Math.round(v) } } }))
          }
        />
        <NumberField
          id="score-rule-black-bottom"
          label={t('scores.rules.blackBottom')}
          value={rules.lists.black.bottom}
          min={0}
          max={50}
          onChange={(v) =>
            setRules((r) => ({
              ...r,
              lists: { ...r.lists, black: { ...r.lists.black, bottom: Math.round(v) } },
            }))
          }
        />
      </Flex>
      <Flex gap={8}>
        <Button
          type="primary"
          loading={saving}
          disabled={!sum.ok || !effectiveFrom}
          onClick={save}
          data-testid="score-rules-save"
        >
          {t('scores.rules.save')}
        </Button>
        <Button onClick={onCancel}>{t('scores.rules.cancel')}</Button>
      </Flex>
    </Flex>
  );
}

/**
 * /scores/rules?regionId: the scoring rules in force at a place, in words, and the versions of
 * its street and district; those who may (`editable`) write a new version.
 */
export function ScoreRulesPage() {
  const { t } = useTranslation();
  const api = useApi();
  const scores = useMemo(() => scoresApi(api), [api]);
  const regionId = new URLSearchParams(useSearch()).get('regionId') ?? '';
  const [writing, setWriting] = useState(false);
  const back = `/scores?${searchOf({ regionId })}`;
  const load = useCallback((signal: AbortSignal) => scores.rules(regionId, signal), [scores, regionId]);
  const view = useAsync(load);
  const data = view.status === 'success' ? view.data : null;

  const columns: TableColumnsType<ScoreRuleVersion> = [
    { key: 'owner', title: t('scores.rules.owner'), dataIndex: 'regionName', width: 140 },
    { key: 'version', title: t('scores.rules.version'), dataIndex: 'version', width: 80 },
    { key: 'from', title: t('scores.rules.effectiveFrom'), dataIndex: 'effectiveFrom', width: 120 },
    { key: 'by', title: t('scores.rules.createdBy'), dataIndex: 'createdByName', width: 120 },
    { key: 'note', title: t('scores.rules.note'), render: (_v, v) => v.note ?? '' },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('scores.rules.title')}
        subtitle={t('scores.rules.subtitle')}
        titleTestId="score-rules-title"
        extra={
          <Button href={back} onClick={(e) => followLink(e, back)}>
            {t('scores.rules.back')}
          </Button>
        }
      />
      {view.status === 'error' && <ApiErrorAlert error={view.error} onRetry={view.reload} />}
      {view.status === 'loading' && <Skeleton active />}
      {data && (
        <>
          <Card
            title={`${data.place.name} · ${t('scores.rules.inForce', { date: data.at })}`}
            data-testid="score-rules-in-force"
          >
            <Flex vertical gap={12}>
              <Typography.Text type="secondary">
                {data.inForce
                  ? t('scores.rules.inForceVersion', {
                      region: data.inForce.regionName,
                      version: data.inForce.version,
                      from: data.inForce.effectiveFrom,
                    })
                  : t('scores.rules.inForceDefaults')}
              </Typography.Text>
              <RulesInWords rules={data.rules} />
            </Flex>
          </Card>
          <Card
            title={t('scores.rules.versions')}
            extra={
              data.editable && !writing ? (
                <Button type="primary" onClick={() => setWriting(true)} data-testid="score-rules-new">
                  {t('scores.rules.newVersion')}
                </Button>
              ) : null
            }
          >
            <Flex vertical gap={16}>
              {writing && data.editable && (
                <NewVersionForm
                  regionId={data.place.id}
                  base={data.versions[0]?.rules ?? data.rules}
                  onSaved={() => {
                    setWriting(false);
                    view.reload();
                  }}
                  onCancel={() => setWriting(false)}
                />
              )}
              <div data-testid="score-rules-versions">
                <Table<ScoreRuleVersion>
                  rowKey="id"
                  size="small"
                  columns={columns}
                  dataSource={data.versions}
                  pagination={false}
                  scroll={{ x: 640 }}
                  locale={{ emptyText: t('scores.rules.noVersions') }}
                  onRow={(v) =>
                    ({ 'data-testid': 'score-rules-version', 'data-from': v.effectiveFrom }) as never
                  }
                />
              </div>
            </Flex>
          </Card>
        </>
      )}
    </Flex>
  );
}
