import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { ForbiddenPage } from '../../app/ForbiddenPage.tsx';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { followLink } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { UsersPage } from '../accounts/UsersPage.tsx';
import { AuditPage } from '../audit/AuditPage.tsx';
import { Open311ClientsPage } from '../open311/Open311ClientsPage.tsx';
import { CategoriesPage } from '../org/CategoriesPage.tsx';
import { DepartmentsPage } from '../org/DepartmentsPage.tsx';
import { PublicIntakePage } from '../public-intake/PublicIntakePage.tsx';
import { TagsPage } from '../tags/TagsPage.tsx';
import { ExportPage } from '../transfer/ExportPage.tsx';
import { ImportPage } from '../transfer/ImportPage.tsx';
import { type AdminSectionKey, isSectionPath, sectionFor, visibleSections } from './admin-sections.ts';

function SectionPage({ section, pathname }: { section: AdminSectionKey; pathname: string }) {
  switch (section) {
    case 'users':
      return <UsersPage pathname={pathname} />;
    case 'audit':
      return <AuditPage />;
    case 'departments':
      return <DepartmentsPage />;
    case 'categories':
      return <CategoriesPage />;
    case 'tags':
      return <TagsPage />;
    case 'imports':
      return <ImportPage />;
    case 'exports':
      return <ExportPage />;
    case 'open311':
      return <Open311ClientsPage />;
    case 'publicIntake':
      return <PublicIntakePage />;
  }
}

/** /admin/<section>: a menu of the sections the user may open, and the open one. */
export function AdminRoute({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const section = sectionFor(pathname, me.permissions);
  if (!section) return isSectionPath(pathname) ? <ForbiddenPage /> : <NotFoundPage />;
  return (
    <div>
      <Menu
        mode="horizontal"
        selectedKeys={[section.key]}
        style={{ marginBottom: 16 }}
        items={visibleSections(me.permissions).map((s) => ({
          key: s.key,
          label: (
            <a href={s.path} onClick={(event) => followLink(event, s.path)}>
              {t(`admin.sections.${s.key}`)}
            </a>
          ),
        }))}
      />
      <SectionPage section={section.key} pathname={pathname} />
    </div>
  );
}
