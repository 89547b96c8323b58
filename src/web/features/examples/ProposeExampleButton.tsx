import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExampleSubject } from '../../../shared/domain/examples.ts';
import { mayOpen } from '../../app/module-access.ts';
import { navigate } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { useToastSave } from '../../components/use-toast-save.ts';
import { useExamplesApi } from './examples-api.ts';

/**
 * 推荐为优秀案例 from where the work is seen: a closed case's page or a visit's. Proposes it and
 * opens the write-up; a case or visit proposed already gets the server's refusal as a toast.
 */
export function ProposeExampleButton({ subject }: { subject: ExampleSubject }) {
  const { t } = useTranslation();
  const me = useMe();
  const examples = useExamplesApi();
  const { busy, save } = useToastSave();
  if (!mayOpen('examples', me.permissions)) return null;
  const propose = () => {
    let created = '';
    return save(
      async () => {
        created = (await examples.propose({ subject })).id;
      },
      t('examples.proposed'),
      () => navigate(`/examples/${created}`),
    );
  };
  return (
    <Button loading={busy} onClick={propose} data-testid="propose-example">
      {t('examples.proposeThis')}
    </Button>
  );
}
