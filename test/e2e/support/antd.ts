import type { Locator, Page } from 'playwright-core';

/**
 * Choosing in antd selects the way a person does, and checking the choice took. A click on an
 * option can miss under load (the virtual list re-renders as a search narrows it, a tree node is
 * still in its opening motion), and a missed choice only shows later as a form that will not
 * submit; so each helper waits for the select to show the choice and tries again if it does not.
 */

const ATTEMPTS = 3;
const SETTLE_MS = 5_000;

/** The dropdown that is open (closed ones stay in the page, hidden). */
const openDropdown = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');

/** A single select shows its value as the text of its content, a multiple one each value as an item. */
const shows = (select: Locator, text: string | RegExp) =>
  select
    .locator('.ant-select-content-has-value, .ant-select-selection-item', { hasText: text })
    .first()
    .waitFor({ timeout: SETTLE_MS })
    .then(
      () => true,
      () => false,
    );

const expanded = async (select: Locator) =>
  (await select.locator('[role="combobox"]').first().getAttribute('aria-expanded')) === 'true';

/**
 * This select's own dropdown, by the list its combobox controls: another select's dropdown may
 * still be in its closing motion.
 */
async function dropdownOf(select: Locator): Promise<Locator> {
  const page = select.page();
  const combobox = select.locator('[role="combobox"]').first();
  await page.waitForFunction(
    (el) => el?.getAttribute('aria-expanded') === 'true',
    await combobox.elementHandle(),
  );
  const list = await combobox.getAttribute('aria-controls');
  const own = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${list}"]`) });
  // A tree select's list carries no such id: its dropdown is the open one.
  return list && (await own.count()) > 0 ? own : openDropdown(page);
}

/** Opens the select's dropdown unless it is open already (a missed click leaves it open). */
async function openSelect(select: Locator): Promise<Locator> {
  if (!(await expanded(select))) await select.click();
  return dropdownOf(select);
}

/** A multiple select keeps its dropdown open after a choice; Escape closes it (and only it). */
async function closeIfMultiple(select: Locator) {
  const multiple = await select.evaluate((s) => s.classList.contains('ant-select-multiple'));
  if (multiple && (await expanded(select))) await select.page().keyboard.press('Escape');
}

/**
 * Chooses the option labelled `label` (a part of the label is enough) in the select `select`,
 * typing `type` first to narrow a long or virtual list. `shown` is what the select shows once
 * chosen, when that differs from the option's label.
 */
export async function chooseOption(
  select: Locator,
  label: string | RegExp,
  options: { type?: string; shown?: string | RegExp } = {},
): Promise<void> {
  const page = select.page();
  const shown = options.shown ?? label;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const dropdown = await openSelect(select);
    if (options.type) {
      // A missed attempt leaves its search text behind: type over it.
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(options.type);
    }
    await dropdown.locator('.ant-select-item-option', { hasText: label }).first().click();
    if (await shows(select, shown)) {
      await closeIfMultiple(select);
      return;
    }
  }
  throw new Error(`the select did not take "${String(label)}"`);
}

/**
 * Picks a node in a tree select (regions, categories): opens each of `ancestors` in turn (their
 * children may load as they open), then chooses `name`. A click in the tree's opening motion can
 * miss, on a switcher (the node never shows) or on the node (the dropdown stays open over the
 * form), so both are checked and the whole pick retried.
 */
export async function pickTreeNode(
  select: Locator,
  ancestors: readonly string[],
  name: string,
): Promise<void> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const tree = (await openSelect(select)).locator('.ant-select-tree');
    for (const ancestor of ancestors) {
      const node = tree.locator('.ant-select-tree-treenode', { hasText: ancestor }).first();
      const open = await node.evaluate((n) => n.className.includes('switcher-open'));
      if (!open) await node.locator('.ant-select-tree-switcher').click();
    }
    const target = tree.locator('.ant-select-tree-node-content-wrapper', { hasText: name }).first();
    const shown = await target.waitFor({ timeout: 3 * SETTLE_MS }).then(
      () => true,
      () => false,
    );
    if (!shown) continue;
    await target.click();
    if (await shows(select, name)) return;
  }
  throw new Error(`the tree select did not take "${name}"`);
}

/**
 * Checks the radio labelled `label` inside `scope` and makes sure it took. A click in a dialog
 * that is still in its opening motion can land beside the moving radio; the form then refuses to
 * submit for a "missing" answer the test did give.
 */
export async function chooseRadio(scope: Locator, label: string): Promise<void> {
  const radio = scope.getByRole('radio', { name: label, exact: true });
  // A `has` locator is matched inside the outer element, so it starts from the page, not the scope.
  const wrapper = scope.locator('label.ant-radio-wrapper', {
    has: scope.page().getByRole('radio', { name: label, exact: true }),
  });
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    await wrapper.click();
    if (await radio.isChecked()) return;
    await scope.page().waitForTimeout(200);
  }
  throw new Error(`the radio "${label}" could not be checked`);
}

/**
 * Types a day (YYYY-MM-DD) into a date picker's input and confirms it with Enter, the way a person
 * who knows the day does, and makes sure it took. Typed while a dialog is still in its opening
 * motion, or while another picker's panel is closing, the text can be left uncommitted; the picker
 * then puts its old day back when it loses focus and the form sends a period nobody chose.
 */
export async function typeDay(input: Locator, day: string): Promise<void> {
  const page = input.page();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    await input.click();
    await input.fill(day);
    await input.press('Enter');
    // Committed, the panel closes and the input keeps the day once focus moves on.
    await page
      .locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)')
      .waitFor({ state: 'hidden', timeout: SETTLE_MS })
      .catch(() => undefined);
    if ((await input.inputValue()) === day) return;
  }
  throw new Error(`the date picker did not take ${day}`);
}
