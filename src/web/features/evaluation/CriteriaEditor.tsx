import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EvaluationCriterion } from '../../../shared/domain/evaluation.ts';

/** The most criteria a form takes (evaluationCriteriaSchema). */
const MAX_CRITERIA = 12;

/** A key for a criterion added by hand: the first `cN` no other criterion uses. */
function freeKey(criteria: readonly EvaluationCriterion[]): string {
  const used = new Set(criteria.map((c) => c.key));
  let n = 1;
  while (used.has(`c${n}`)) n += 1;
  return `c${n}`;
}

/** Whether every criterion has a name (the form is ready to open a round). */
export const criteriaReady = (criteria: readonly EvaluationCriterion[]) =>
  criteria.length > 0 && criteria.every((c) => c.name.trim() !== '');

/**
 * The rating form of a new round: each criterion's name and hint, rated 1–5 by every rater. It
 * starts as the kind's default form; criteria can be renamed, removed (one stays) or added.
 */
export function CriteriaEditor({
  value,
  onChange,
}: {
  value: readonly EvaluationCriterion[];
  onChange: (criteria: EvaluationCriterion[]) => void;
}) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<EvaluationCriterion>) =>
    onChange(value.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <Flex vertical gap={8} data-testid="evaluation-criteria">
      <Typography.Text strong>{t('evaluation.criteriaForm.title')}</Typography.Text>
      {value.map((c, index) => (
        <Flex key={c.key} gap={8} wrap align="center" data-testid="evaluation-criterion">
          <Input
            value={c.name}
            onChange={(e) => set(index, { name: e.target.value })}
            placeholder={t('evaluation.criteriaForm.name')}
            aria-label={t('evaluation.criteriaForm.name')}
            maxLength={40}
            style={{ width: 180 }}
          />
          <Input
            value={c.hint ?? ''}
            onChange={(e) =>
              set(index, e.target.value.trim() ? { hint: e.target.value } : { hint: undefined })
            }
            placeholder={t('evaluation.criteriaForm.hint')}
            aria-label={t('evaluation.criteriaForm.hint')}
            maxLength={200}
            style={{ width: 320 }}
          />
          <Button
            icon={<DeleteOutlined />}
            aria-label={t('evaluation.criteriaForm.remove')}
            disabled={value.length <= 1}
            onClick={() => onChange(value.filter((_, i) => i !== index))}
          />
        </Flex>
      ))}
      <Flex>
        <Button
          icon={<PlusOutlined />}
          disabled={value.length >= MAX_CRITERIA}
          onClick={() => onChange([...value, { key: freeKey(value), name: '' }])}
          data-testid="evaluation-criterion-add"
        >
          {t('evaluation.criteriaForm.add')}
        </Button>
      </Flex>
    </Flex>
  );
}
