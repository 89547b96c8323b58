import { Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseAction } from '../../../shared/cases/workflow.ts';
import { ACTION_BODIES, type CaseDetail, type Unit } from '../../../shared/domain/case.ts';
import { type ActionFormValues, actionBody, actionForm } from './action-form.ts';
import { CaseActionError } from './CaseActionError.tsx';
import { UnitPicker } from './UnitPicker.tsx';
import { useCaseAction } from './use-case-action.ts';
import { useDepartments } from './use-departments.ts';

/**
 * The small form of one workflow action, with exactly the fields its body takes
 * (ACTION_BODIES), sent with the version the page shows. A stale version reloads the case.
 */
export function CaseActionModal({
  detail,
  action,
  onDone,
  onStale,
  onClose,
}: {
  detail: CaseDetail;
  action: CaseAction;
  onDone: (updated: CaseDetail) => void;
  onStale: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ActionFormValues>();
  const [unit, setUnit] = useState<Unit | null>(null);
  const departments = useDepartments();
  const run = useCaseAction(detail, { onDone, onStale });
  const fields = actionForm(action);
  // The server knows which of them are the caller's unit's; it refuses the others.
  const openTasks = detail.tasks.filter((task) => task.doneAt === null);
  const departmentOptions = departments.map((d) => ({ value: d.id, label: d.name }));
  const unitMissing = fields.unit === 'required' && unit === null;

  const submit = async () => {
    // An incomplete form shows its own messages; its rejection is not an error of the page.
    const values = await form.validateFields().catch(() => null);
    if (values === null) return;
    const body = actionBody(action, values, unit);
    const parsed = ACTION_BODIES[action].safeParse(body);
    if (!parsed.success) return;
    await run.act(action, parsed.data as never);
  };

  return (
    <Modal
      open
      title={t(`cases.actions.${action}`)}
      okText={t('cases.act.ok')}
      cancelText={t('cases.act.cancel')}
      okButtonProps={{ disabled: unitMissing, danger: fields.danger ?? false, id: 'case-action-ok' }}
      confirmLoading={run.busy}
      destroyOnHidden
      onCancel={onClose}
      onOk={submit}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid={`case-action-${action}`}
        initialValues={{ reportWithinMinutes: 30, workingDays: 5, assistDepartmentIds: [] }}
      >
        {fields.unit !== undefined && (
          <Form.Item label={t('cases.act.unit')} required={fields.unit === 'required'}>
            {fields.unit === 'optional' && unit === null && (
              <div style={{ marginBottom: 8 }}>{t('cases.act.keepUnit')}</div>
            )}
            <UnitPicker value={unit} onChange={setUnit} />
          </Form.Item>
        )}
        {fields.rejectKind && (
          <Form.Item name="rejectKind" label={t('cases.act.rejectKind')} rules={[{ required: true }]}>
            <Radio.Group
              options={(['invalid', 'out_of_scope', 'legal_procedure', 'malicious'] as const).map((k) => ({
                value: k,
                label: t(`cases.rejectKinds.${k}`),
              }))}
            />
          </Form.Item>
        )}
        {fields.returnKind && (
          <Form.Item name="returnKind" label={t('cases.act.returnKind')} rules={[{ required: true }]}>
            <Radio.Group
              data-testid="case-action-return-kind"
              options={(['not_our_duty', 'not_our_area', 'ownership_unclear'] as const).map((k) => ({
                value: k,
                label: t(`cases.returnKinds.${k}`),
              }))}
            />
          </Form.Item>
        )}
        {fields.intoCase && (
          <Form.Item name="intoCaseId" label={t('cases.act.intoCase')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        )}
        {fields.rating && (
          <Form.Item name="rating" label={t('cases.act.rating')} rules={[{ required: true }]}>
            <Radio.Group
              data-testid="case-action-rating"
              options={(['satisfied', 'basically_satisfied', 'unsatisfied', 'unreachable'] as const).map(
                (r) => ({ value: r, label: t(`cases.ratings.${r}`) }),
              )}
            />
          </Form.Item>
        )}
        {fields.rating && (
          // Asked on a call that reached the resident; an unreachable call asks nothing.
          <Form.Item noStyle dependencies={['rating']}>
            {({ getFieldValue }) =>
              getFieldValue('rating') && getFieldValue('rating') !== 'unreachable' ? (
                <Form.Item name="solved" label={t('cases.act.solved')}>
                  <Radio.Group
                    data-testid="case-action-solved"
                    options={[
                      { value: true, label: t('cases.act.solvedYes') },
                      { value: false, label: t('cases.act.solvedNo') },
                    ]}
                  />
                </Form.Item>
              ) : null
            }
          </Form.Item>
        )}
        {fields.workingDays && (
          <Form.Item name="workingDays" label={t('cases.act.workingDays')} rules={[{ required: true }]}>
            <InputNumber min={1} max={30} precision={0} data-testid="case-action-working-days" />
          </Form.Item>
        )}
        {fields.whistle && (
          <>
            <Form.Item
              name="leadDepartmentId"
              label={t('cases.act.leadDepartment')}
              rules={[{ required: true }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={departmentOptions}
                data-testid="case-action-lead"
              />
            </Form.Item>
            <Form.Item name="assistDepartmentIds" label={t('cases.act.assistDepartments')}>
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                options={departmentOptions}
                data-testid="case-action-assist"
              />
            </Form.Item>
            <Form.Item name="reportWithinMinutes" label={t('cases.act.reportWithinMinutes')}>
              <InputNumber min={10} max={60 * 24 * 7} precision={0} />
            </Form.Item>
          </>
        )}
        {fields.task && (
          <Form.Item name="taskId" label={t('cases.act.task')} rules={[{ required: true }]}>
            <Select
              data-testid="case-action-task"
              placeholder={t('cases.act.taskPlaceholder')}
              options={openTasks.map((task) => ({
                value: task.id,
                label: `${task.departmentName} · ${t(task.role === 'lead' ? 'cases.detail.taskLead' : 'cases.detail.taskAssist')}`,
              }))}
            />
          </Form.Item>
        )}
        {fields.text && (
          <Form.Item
            name={fields.text.name}
            label={t(fields.text.label)}
            rules={[
              { required: fields.text.required, message: t('cases.form.required') },
              ...(fields.text.name === 'reason'
                ? [{ min: 2, message: t('cases.guards.reason_required') }]
                : []),
            ]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={fields.text.max}
              showCount
              placeholder={fields.text.name === 'reason' ? t('cases.act.reasonPlaceholder') : undefined}
              data-testid="case-action-text"
            />
          </Form.Item>
        )}
        {fields.note && (
          <Form.Item name="note" label={t(fields.note.label)}>
            <Input.TextArea
              autoSize={{ minRows: 1, maxRows: 4 }}
              maxLength={1000}
              data-testid="case-action-note"
            />
          </Form.Item>
        )}
        {run.error && <CaseActionError error={run.error} />}
      </Form>
    </Modal>
  );
}
